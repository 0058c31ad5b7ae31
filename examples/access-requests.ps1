<#
.SYNOPSIS
    The access-request cycle, routed to project leads with no Marketplace app: request → the lead approves in Jira →
    a scheduled run of Complete-AtlassianAccessRequest grants the role, comments and closes the request.
.DESCRIPTION
    Runs against the embedded sandbox (its Jira site has a request project ACCESS). For a real site:

        $cred = Get-Credential    # user name = your Atlassian account email, password = an API token
        Connect-AtlassianOrg -SiteUrl https://acme.atlassian.net -Credential $cred -RequestProject ACCESS

    The request project needs the statuses To Do, Approved, Denied and Done with transitions To Do → Approved,
    To Do → Denied and → Done. Schedule step 3 (e.g. every 15 minutes in Azure Automation or a cron job); it only
    acts on decided requests and re-running it is harmless.
#>
$ErrorActionPreference = 'Stop'
Import-Module AtlassianAdmin
Connect-AtlassianOrg -Sandbox | Out-Null

# People to request for: two site users (in real life this is a form, a CSV or a ticket).
$people = @(Get-AtlassianUser -Site -First 8)[6..7]

"== 1. Request: one issue per request in ACCESS, assigned to the lead of the target project"
$rows = @(
    [pscustomobject]@{ project = 'ACME'; role = 'Developers'; email = $people[0].Email; reason = 'Joins the payments squad' }
    [pscustomobject]@{ project = 'OPS';  role = 'Developers'; email = $people[1].Email; reason = 'Temporary cover' }
)
$rows | Request-AtlassianProjectAccess -PassThru | Out-Host
Get-AtlassianAccessRequest -Status Pending | Out-Host

"== 2. The leads decide (in Jira they just transition the issue; here with the cmdlets)"
Get-AtlassianAccessRequest -Status Pending -Project ACME | Approve-AtlassianAccessRequest -Comment 'Approved for Q3'
Get-AtlassianAccessRequest -Status Pending -Project OPS | Deny-AtlassianAccessRequest -Comment 'Use the on-call rota instead'

"== 3. The scheduled runbook: grant approved roles, close denied requests, report"
$report = Complete-AtlassianAccessRequest -PassThru
$report | Out-Host
if ($report | Where-Object Outcome -eq 'Failed') { Write-Warning 'Some requests could not be completed; they stay Approved and are retried next run.' }

"== Result: the role is granted, every request is Done"
Get-AtlassianProjectRole ACME Developers | Out-Host
Get-AtlassianAccessRequest -Status Completed | Out-Host

"== Re-running is harmless: nothing left to do"
@(Complete-AtlassianAccessRequest -PassThru).Count
