<#
.SYNOPSIS
    Nightly: make Jira access match the HR export.

.DESCRIPTION
    The HR export (one row per person who should have Jira, with the Jira groups and project roles they need) is turned
    into desired group memberships and project-role actors, applied with Sync-AtlassianGroupMembership and
    Sync-AtlassianProjectRole:
      - people in the export who are missing from a group are added;
      - members of the managed groups who are not in the export are removed (-RemoveUnlisted), only in those groups;
      - users in the managed project roles who are not in the export lose the role, only in those roles; the roles'
        group actors are left alone (the export lists people, so only user actors are managed);
      - a suspiciously large removal (a truncated export, say) stops that sync before anything changes, because nobody is
        there to confirm it (-MaxRemovals / -MaxRemovalPercent; use -Force for a deliberate clean-up); the run then exits 2
        (with -Sandbox, whose made-up export trips the threshold on purpose, it says what it skipped and exits 0);
      - malformed rows are reported with their row and the rest goes on.
    Every applied change is written to a dated CSV report; each plan is written before it is applied.

    HR export columns: email, groups (group names separated by ';'), roles (PROJECT:Role pairs separated by ';'), and
    anything else (ignored).
    Runs offline against the sandbox with -Sandbox.

.EXAMPLE
    ./nightly-access-sync.ps1 -HrExport \\hr\exports\jira-access.csv -ReportFolder D:\reports\atlassian

.EXAMPLE
    ./nightly-access-sync.ps1 -Sandbox
#>
[CmdletBinding()]
param(
    [string] $HrExport,
    [string] $ReportFolder = (Join-Path ([IO.Path]::GetTempPath()) 'atlassian-sync'),
    # The groups this job owns. Members of other groups are never touched.
    [string[]] $ManagedGroups = @('jira-software-users', 'developers'),
    # The project roles this job owns, as PROJECT:Role. Other roles are never touched.
    [string[]] $ManagedRoles = @('ACME:Developers', 'OPS:Users'),
    [int] $MaxRemovals = 25,
    # Roles have few actors: removing 2 of 5 is already 40%. Above this share of a role, the run stops.
    [int] $MaxRoleRemovalPercent = 50,
    [switch] $Sandbox
)

$ErrorActionPreference = 'Stop'
Import-Module "$PSScriptRoot/../out/AtlassianAdmin/AtlassianAdmin.psd1"

if ($Sandbox) {
    Connect-AtlassianOrg -Sandbox | Out-Null
    # A made-up HR export: a few current members (with a Jira role), one newcomer, one malformed row.
    $members = @(Get-AtlassianGroupMember -Group jira-software-users | Select-Object -First 5)
    $newcomer = Get-AtlassianUser | Where-Object { $_.Status -eq 'active' } | Select-Object -Last 1
    $HrExport = Join-Path ([IO.Path]::GetTempPath()) 'hr-export.csv'
    @(
        $members | ForEach-Object { [pscustomobject]@{ email = $_.Email; groups = 'jira-software-users'; roles = 'ACME:Developers'; department = 'Engineering' } }
        [pscustomobject]@{ email = $newcomer.Email; groups = 'jira-software-users;developers'; roles = 'ACME:Developers;OPS:Users'; department = 'Engineering' }
        [pscustomobject]@{ email = ''; groups = 'developers'; roles = ''; department = 'Sales' }
    ) | Export-Csv $HrExport -NoTypeInformation
}
elseif (-not (Get-AtlassianConnection -ErrorAction SilentlyContinue)) {
    # Unattended: the key comes from the environment (or a SecretManagement vault), never from the script.
    Connect-AtlassianOrg -ApiKey (ConvertTo-SecureString $env:ATLASSIAN_ORG_API_KEY -AsPlainText -Force) | Out-Null
}

New-Item -ItemType Directory -Force -Path $ReportFolder | Out-Null
$stamp = Get-Date -Format 'yyyy-MM-dd'

# 1. HR rows -> desired memberships (one row per person and managed group) and desired role actors (one row per person
#    and managed role). Only groups and roles that get at least one row are synced: a managed group or role nobody
#    should be in is emptied by hand, not by an export that may be broken.
$hr = @(Import-Csv $HrExport)
$desired = $hr | ForEach-Object {
    $row = $_
    foreach ($group in ($row.groups -split ';' | ForEach-Object Trim | Where-Object { $_ })) {
        if ($group -in $ManagedGroups) { [pscustomobject]@{ group = $group; email = $row.email } }
    }
}
$desiredRoles = $hr | ForEach-Object {
    $row = $_
    foreach ($pair in ($row.roles -split ';' | ForEach-Object Trim | Where-Object { $_ })) {
        if ($pair -in $ManagedRoles) {
            $project, $role = $pair -split ':', 2
            [pscustomobject]@{ project = $project; role = $role; email = $row.email }
        }
    }
}

# 2. The plans, kept for the audit trail.
$plan = $desired | Compare-AtlassianGroupMembership -RemoveUnlisted -ErrorAction Continue -ErrorVariable planErrors
$plan | Export-Csv (Join-Path $ReportFolder "plan-$stamp.csv") -NoTypeInformation
Write-Host ("Group plan: {0} to add, {1} to remove, {2} malformed rows" -f
    @($plan | Where-Object Action -eq 'Add').Count, @($plan | Where-Object Action -eq 'Remove').Count, $planErrors.Count)
$rolePlan = $desiredRoles | Compare-AtlassianProjectRole -RemoveUnlisted -ErrorAction Continue -ErrorVariable rolePlanErrors
$rolePlan | Export-Csv (Join-Path $ReportFolder "role-plan-$stamp.csv") -NoTypeInformation
Write-Host ("Role plan: {0} to add, {1} to remove, {2} malformed rows" -f
    @($rolePlan | Where-Object Action -eq 'Add').Count, @($rolePlan | Where-Object Action -eq 'Remove').Count, $rolePlanErrors.Count)

# 3. Apply. A large removal stops that sync with RemovalThresholdExceeded and nothing changed by it.
$exitCode = 0
$syncs = @(
    @{ Name = 'groups'; Run = { $desired | Sync-AtlassianGroupMembership -RemoveUnlisted -MaxRemovals $MaxRemovals -Confirm:$false -PassThru -ErrorAction Continue } }
    @{ Name = 'roles'; Run = { $desiredRoles | Sync-AtlassianProjectRole -RemoveUnlisted -MaxRemovals $MaxRemovals -MaxRemovalPercent $MaxRoleRemovalPercent -Confirm:$false -PassThru -ErrorAction Continue } }
)
foreach ($sync in $syncs) {
    try {
        $results = & $sync.Run
        $results | Export-Csv (Join-Path $ReportFolder "applied-$($sync.Name)-$stamp.csv") -NoTypeInformation
        $failed = @($results | Where-Object Outcome -eq 'Failed').Count
        Write-Host ("Applied {0}: {1} changed, {2} failed. Report: {3}" -f $sync.Name, @($results | Where-Object Outcome -eq 'Changed').Count, $failed, $ReportFolder)
        if ($failed -gt 0 -and $exitCode -eq 0) { $exitCode = 1 }
    }
    catch {
        if ($_.FullyQualifiedErrorId -notlike 'RemovalThresholdExceeded*') { throw }
        Write-Host "Skipped $($sync.Name) (RemovalThresholdExceeded), nothing changed by it: $($_.Exception.Message)"
        # The sandbox's made-up export lists 6 of the group's members, so the group sync is meant to stop here: the demo
        # shows the safety net and succeeds. A real run exits 2 so the scheduler flags it for a person to look at.
        if (-not $Sandbox) { $exitCode = 2 }
    }
}
exit $exitCode
