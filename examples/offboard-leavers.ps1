<#
.SYNOPSIS
    Offboard leavers from an HR CSV: plan first, then lock out, revoke API tokens, remove direct roles and groups.

.DESCRIPTION
    For every leaver in the CSV (email or accountId column), Invoke-AtlassianOffboarding:
      - deactivates the account when the organization manages it (verified domain), else suspends it in the directory;
      - revokes the account's API tokens (they keep working after a deactivation otherwise, Atlassian ACCESS-1816);
      - removes the product roles granted directly, and the group memberships (access through groups goes with them);
      - leaves memberships the identity provider owns (synced groups) alone, and says so in the report;
      - with -ScheduleDeletion, schedules managed accounts for deletion (14 days during which it can be cancelled).
    The plan (-WhatIf) is written first; every step then gets one row in a dated CSV report. Re-running the script
    finishes what an interrupted run left: steps already done are reported Unchanged.
    Exit code: 0 when every step succeeded, 1 when a step failed (the report says which and why).
    Runs offline against the sandbox with -Sandbox.

.EXAMPLE
    ./offboard-leavers.ps1 -LeaversCsv \\hr\exports\leavers.csv -ReportFolder D:\reports\atlassian

.EXAMPLE
    ./offboard-leavers.ps1 -Sandbox
#>
[CmdletBinding()]
param(
    [string] $LeaversCsv,
    [string] $ReportFolder = (Join-Path ([IO.Path]::GetTempPath()) 'atlassian-offboarding'),
    [switch] $ScheduleDeletion,
    [string] $Message = 'Your account was deactivated because you left the company.',
    [switch] $Sandbox
)

$ErrorActionPreference = 'Stop'
Import-Module "$PSScriptRoot/../out/AtlassianAdmin/AtlassianAdmin.psd1"

if ($Sandbox) {
    Connect-AtlassianOrg -Sandbox -SandboxUserCount 100 | Out-Null
    # Made-up leavers: a managed account that is also in a group synced from the identity provider and has API
    # tokens, and an account on an outside domain (not managed: it is suspended instead).
    $synced = @(Get-AtlassianGroupMember -Group hr-synced | ForEach-Object AccountId)
    $managed = Get-AtlassianUser -AccountId $synced | Where-Object { $_.Status -eq 'active' -and $_.ManagementSource -ne 'synced' } | Select-Object -First 1
    $outside = Get-AtlassianUser | Where-Object { $_.Status -in 'active', 'suspended' -and $_.ClaimStatus -eq 'unmanaged' } | Select-Object -First 1
    $LeaversCsv = Join-Path ([IO.Path]::GetTempPath()) 'leavers.csv'
    @($managed, $outside) | Where-Object { $_ } | ForEach-Object { [pscustomobject]@{ email = $_.Email; leaving = (Get-Date -Format 'yyyy-MM-dd') } } |
        Export-Csv $LeaversCsv -NoTypeInformation
    $ScheduleDeletion = $true
}
elseif (-not (Get-AtlassianConnection -ErrorAction SilentlyContinue)) {
    # Unattended: the key comes from the environment (or a SecretManagement vault), never from the script.
    Connect-AtlassianOrg -FromEnvironment | Out-Null
}

New-Item -ItemType Directory -Force -Path $ReportFolder | Out-Null
$stamp = Get-Date -Format 'yyyy-MM-dd-HHmm'
$leavers = @(Import-Csv $LeaversCsv)

# 1. The plan: every step per leaver, nothing changed.
$plan = @($leavers | Invoke-AtlassianOffboarding -ScheduleDeletion:$ScheduleDeletion -Message $Message -WhatIf -PassThru -ErrorAction Continue -WarningAction SilentlyContinue)
$plan | Export-Csv (Join-Path $ReportFolder "plan-$stamp.csv") -NoTypeInformation
$plan | Format-Table Target, Action, Outcome, Resource -AutoSize | Out-String -Width 200 | Write-Host

# 2. Apply. No prompt: this runs unattended (-Force); with -PassThru every step is one report row.
$results = @($leavers | Invoke-AtlassianOffboarding -ScheduleDeletion:$ScheduleDeletion -Message $Message -Force -PassThru -ErrorAction Continue)
$report = Join-Path $ReportFolder "offboarding-$stamp.csv"
$results | Export-Csv $report -NoTypeInformation
$results | Format-Table Target, Action, Outcome, Message -AutoSize | Out-String -Width 200 | Write-Host

$failed = @($results | Where-Object Outcome -eq 'Failed')
Write-Host ("Offboarded {0} leaver(s): {1} step(s) changed, {2} already done, {3} failed. Report: {4}" -f
    $leavers.Count, @($results | Where-Object Outcome -eq 'Changed').Count, @($results | Where-Object Outcome -eq 'Unchanged').Count, $failed.Count, $report)

if ($Sandbox) {
    # A second run finds nothing left to do.
    $again = @($leavers | Invoke-AtlassianOffboarding -ScheduleDeletion:$ScheduleDeletion -Force -PassThru -ErrorAction Continue)
    Write-Host ("Re-run: {0} of {1} steps unchanged." -f @($again | Where-Object Outcome -eq 'Unchanged').Count, $again.Count)
}
exit ([int]($failed.Count -gt 0))
