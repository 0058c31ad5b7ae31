<#
.SYNOPSIS
    A tour of AtlassianAdmin against the embedded sandbox organization: no Atlassian account, no network.
.DESCRIPTION
    Runs as a real runbook would: import the module, connect, read the org, onboard and offboard people from
    CSV-shaped rows with complete reports, manage product access through groups, and use the Jira site.
    Against a real org, replace `Connect-AtlassianOrg -Sandbox` with
    `Connect-AtlassianOrg -ApiKey (Read-Host -AsSecureString 'Org API key')` (or -VaultName/-SecretName, or
    -FromEnvironment in unattended runbooks).
#>
$ErrorActionPreference = 'Stop'
# Each section ends in Out-Host so it gets its own table (one pipeline would format later types as lists).
Import-Module AtlassianAdmin

"== Connect to the sandbox organization (it includes a Jira site)"
Connect-AtlassianOrg -Sandbox -SandboxUserCount 60 -PassThru | Out-Host

"== The organization, its domains, directory and workspaces"
Get-AtlassianOrganization | Out-Host
Get-AtlassianDomain | Out-Host
Get-AtlassianWorkspace | Out-Host

"== How many users, and how many are suspended (count endpoint, no listing)"
"Users: {0}; suspended: {1}" -f (Get-AtlassianUserCount), (Get-AtlassianUserCount -Status suspended)

"== The first five users (streamed; stops after five)"
Get-AtlassianUser -First 5 | Out-Host

"== Groups and how many members they have"
Get-AtlassianGroup | Out-Host

"== Onboarding: CSV rows (group,email) piped straight in, previewed with -WhatIf, then applied with a report"
$newHires = Get-AtlassianUser -Status active -Skip 20 -First 3
$onboarding = foreach ($u in $newHires) {
    [pscustomobject]@{ group = 'developers'; email = $u.Email }
    [pscustomobject]@{ group = 'jira-software-users'; email = $u.Email }
}
$onboarding += [pscustomobject]@{ group = 'developers'; email = 'nobody@acme-sandbox.example' }   # a bad row
$onboarding | Add-AtlassianGroupMember -WhatIf -ErrorAction SilentlyContinue | Out-Null
$onboarding | Add-AtlassianGroupMember -PassThru -ErrorAction SilentlyContinue -ErrorVariable onboardingErrors | Out-Host
"Failed rows: {0} ({1})" -f $onboardingErrors.Count, ($onboardingErrors | ForEach-Object { $_.FullyQualifiedErrorId.Split(',')[0] })
"Re-running the same rows changes nothing:"
$onboarding | Add-AtlassianGroupMember -PassThru -ErrorAction SilentlyContinue | ForEach-Object { $_.Outcome } | Out-Host

"== Product access through groups: the roles the developers group grants"
Get-AtlassianGroupRole -Group developers | Out-Host

"== Offboarding: suspend leavers (groups and roles are kept, so Restore brings everything back)"
$leavers = @($newHires)[0]
$leavers | Suspend-AtlassianDirectoryUser -Force -PassThru | Out-Host
Get-AtlassianUser -AccountId $leavers.AccountId | Out-Host
$leavers | Restore-AtlassianDirectoryUser -PassThru | Out-Host

"== Jira site: projects with their leads, and a project role"
Get-AtlassianProject | Out-Host
Get-AtlassianProjectRole ACME Developers | Out-Host

Disconnect-AtlassianOrg
"Demo finished. See examples/access-requests.ps1 for the lead-approval cycle."
