<#
.SYNOPSIS
    Nightly: make Jira access match the HR export.

.DESCRIPTION
    The HR export (one row per person who should have Jira, with the Jira groups they need) is turned into desired
    group memberships and applied with Sync-AtlassianGroupMembership:
      - people in the export who are missing from a group are added;
      - members of the managed groups who are not in the export are removed (-RemoveUnlisted), only in those groups;
      - a suspiciously large removal (a truncated export, say) stops the run before anything changes, because nobody is
        there to confirm it (-MaxRemovals / -MaxRemovalPercent; use -Force for a deliberate clean-up);
      - malformed rows are reported with their row and the rest goes on.
    Every applied change is written to a dated CSV report; the plan is written before it is applied.

    HR export columns: email, groups (group names separated by ';'), and anything else (ignored).
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
    [int] $MaxRemovals = 25,
    [switch] $Sandbox
)

$ErrorActionPreference = 'Stop'
Import-Module "$PSScriptRoot/../out/AtlassianAdmin/AtlassianAdmin.psd1"

if ($Sandbox) {
    Connect-AtlassianOrg -Sandbox | Out-Null
    # A made-up HR export: a few current members, one newcomer, one malformed row.
    $members = @(Get-AtlassianGroupMember -Group jira-software-users | Select-Object -First 5)
    $newcomer = Get-AtlassianUser | Where-Object { $_.Status -eq 'active' } | Select-Object -Last 1
    $HrExport = Join-Path ([IO.Path]::GetTempPath()) 'hr-export.csv'
    @(
        $members | ForEach-Object { [pscustomobject]@{ email = $_.Email; groups = 'jira-software-users'; department = 'Engineering' } }
        [pscustomobject]@{ email = $newcomer.Email; groups = 'jira-software-users;developers'; department = 'Engineering' }
        [pscustomobject]@{ email = ''; groups = 'developers'; department = 'Sales' }
    ) | Export-Csv $HrExport -NoTypeInformation
}
elseif (-not (Get-AtlassianConnection -ErrorAction SilentlyContinue)) {
    # Unattended: the key comes from the environment (or a SecretManagement vault), never from the script.
    Connect-AtlassianOrg -ApiKey (ConvertTo-SecureString $env:ATLASSIAN_ORG_API_KEY -AsPlainText -Force) | Out-Null
}

New-Item -ItemType Directory -Force -Path $ReportFolder | Out-Null
$stamp = Get-Date -Format 'yyyy-MM-dd'

# 1. HR rows -> desired memberships (one row per person and managed group). Only groups that get at least one row are
#    synced: a managed group nobody should be in is emptied by hand, not by an export that may be broken.
$desired = Import-Csv $HrExport | ForEach-Object {
    $row = $_
    foreach ($group in ($row.groups -split ';' | ForEach-Object Trim | Where-Object { $_ })) {
        if ($group -in $ManagedGroups) { [pscustomobject]@{ group = $group; email = $row.email } }
    }
}

# 2. The plan, kept for the audit trail.
$plan = $desired | Compare-AtlassianGroupMembership -RemoveUnlisted -ErrorAction Continue -ErrorVariable planErrors
$plan | Export-Csv (Join-Path $ReportFolder "plan-$stamp.csv") -NoTypeInformation
Write-Host ("Plan: {0} to add, {1} to remove, {2} malformed rows" -f
    @($plan | Where-Object Action -eq 'Add').Count, @($plan | Where-Object Action -eq 'Remove').Count, $planErrors.Count)

# 3. Apply. A large removal stops here with RemovalThresholdExceeded and nothing changed.
try {
    $results = $desired | Sync-AtlassianGroupMembership -RemoveUnlisted -MaxRemovals $MaxRemovals -Confirm:$false -PassThru -ErrorAction Continue
    $results | Export-Csv (Join-Path $ReportFolder "applied-$stamp.csv") -NoTypeInformation
    $failed = @($results | Where-Object Outcome -eq 'Failed').Count
    Write-Host ("Applied: {0} changed, {1} failed. Report: {2}" -f @($results | Where-Object Outcome -eq 'Changed').Count, $failed, $ReportFolder)
    if ($failed -gt 0) { exit 1 }
}
catch {
    if ($_.FullyQualifiedErrorId -like 'RemovalThresholdExceeded*') {
        Write-Warning "Stopped without changes: $($_.Exception.Message)"
        exit 2
    }
    throw
}
