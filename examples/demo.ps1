<#
.SYNOPSIS
    A tour of AtlassianAdmin against the embedded sandbox organization: no Atlassian account, no network.
.DESCRIPTION
    Runs as a real runbook would: import the module, connect, read the org, find people, and report.
    Against a real org, replace `Connect-AtlassianOrg -Sandbox` with
    `Connect-AtlassianOrg -ApiKey (Read-Host -AsSecureString 'Org API key')`.
#>
$ErrorActionPreference = 'Stop'
# Each section ends in Out-Host so it gets its own table (one pipeline would format later types as lists).
Import-Module AtlassianAdmin

"== Connect to the sandbox organization"
Connect-AtlassianOrg -Sandbox -SandboxUserCount 60 -PassThru | Out-Host

"== The organization, its domains and directory"
Get-AtlassianOrganization | Out-Host
Get-AtlassianDomain | Out-Host
Get-AtlassianDirectory | Out-Host

"== How many users, and how many are suspended (count endpoint, no listing)"
"Users: {0}; suspended: {1}" -f (Get-AtlassianUserCount), (Get-AtlassianUserCount -Status suspended)

"== The first five users (streamed; stops after five)"
Get-AtlassianUser -First 5 | Out-Host

"== Rows of a CSV (here built in script) piped straight in, looked up by email or accountId"
$someone = Get-AtlassianUser -First 2 -Skip 10
$rows = @(
    [pscustomobject]@{ email = $someone[0].Email }
    [pscustomobject]@{ account_id = $someone[1].AccountId }
)
$rows | Get-AtlassianUser | Out-Host

"== Suspended users"
Get-AtlassianUser -Status suspended | ForEach-Object { "{0,-28} {1}" -f $_.Name, $_.Email }

Disconnect-AtlassianOrg
"Demo finished."
