<#
.SYNOPSIS
    Take back licence seats of people who do not use the product: report first, act on the reviewed report.

.DESCRIPTION
    1. Find-AtlassianUnusedLicense joins who holds a seat (role assignments) with when they last used the product
       (lastActiveTimestamp), in bulk; people who never used it are included. Admins, app and service accounts and the
       people on an allow list are kept. The result is a dry-run CSV, and the seats freed per product.
    2. The CSV drives the change, -WhatIf first:
       - seats granted directly: Revoke-AtlassianUserRole (the CSV binds to it as it is);
       - seats granted through groups: the memberships are removed (Remove-AtlassianGroupMember), or with -Suspend the
         users are suspended instead (Suspend-AtlassianDirectoryUser: not billed while suspended, everything comes back
         on restore).
    Without -Apply the run stops after the -WhatIf pass: review the CSV and run again with -Apply.
    Runs offline against the sandbox with -Sandbox (which applies the change).

.EXAMPLE
    ./reclaim-licences.ps1 -InactiveDays 120 -AllowList .\keep.csv -ReportFolder D:\reports\licences

.EXAMPLE
    ./reclaim-licences.ps1 -Sandbox
#>
[CmdletBinding()]
param(
    [int] $InactiveDays = 90,
    [string] $AllowList,
    [string[]] $Product,
    [string] $ReportFolder = (Join-Path ([IO.Path]::GetTempPath()) 'atlassian-licences'),
    [switch] $Suspend,
    [switch] $Apply,
    [switch] $Sandbox
)

$ErrorActionPreference = 'Stop'
Import-Module "$PSScriptRoot/../out/AtlassianAdmin/AtlassianAdmin.psd1"

if ($Sandbox) {
    Connect-AtlassianOrg -Sandbox -SandboxUserCount 120 | Out-Null
    # An allow list with one person on it, and apply the change: the sandbox is throw-away.
    $AllowList = Join-Path ([IO.Path]::GetTempPath()) 'keep-licences.csv'
    Find-AtlassianUnusedLicense -InactiveDays $InactiveDays | Select-Object -First 1 | Select-Object Email, @{ n = 'reason'; e = { 'on parental leave' } } |
        Export-Csv $AllowList -NoTypeInformation
    $Apply = $true
}
elseif (-not (Get-AtlassianConnection -ErrorAction SilentlyContinue)) {
    Connect-AtlassianOrg -FromEnvironment | Out-Null
}

New-Item -ItemType Directory -Force -Path $ReportFolder | Out-Null
$stamp = Get-Date -Format 'yyyy-MM-dd'
$find = @{ InactiveDays = $InactiveDays }
if ($AllowList) { $find.AllowListPath = $AllowList }
if ($Product) { $find.Product = $Product }

# 1. The dry run: candidates (and why others are kept), seats freed per product.
$csv = Join-Path $ReportFolder "reclaim-$stamp.csv"
Find-AtlassianUnusedLicense @find -IncludeExcluded | Export-Csv $csv -NoTypeInformation
Find-AtlassianUnusedLicense @find -Summary | Format-Table ProductKey, Workspace, Billable, SeatsFreed, NeverActive, Excluded -AutoSize | Out-String | Write-Host
$rows = @(Import-Csv $csv | Where-Object Excluded -eq 'False')
Write-Host ("{0} seat(s) to take back; kept: {1}. Dry run: {2}" -f $rows.Count, @(Import-Csv $csv | Where-Object Excluded -eq 'True').Count, $csv)

# 2. The changes, -WhatIf first. Direct seats: the rows bind to Revoke-AtlassianUserRole as they are.
$direct = @($rows | Where-Object Via -like 'Direct*')
$viaGroups = @($rows | Where-Object Groups)
$memberships = @($viaGroups | ForEach-Object { $row = $_; $row.Groups -split '; ' | ForEach-Object { [pscustomobject]@{ AccountId = $row.AccountId; Group = $_ } } } |
    Sort-Object AccountId, Group -Unique)
$direct | Revoke-AtlassianUserRole -WhatIf
if ($Suspend) { $viaGroups | Sort-Object AccountId -Unique | Suspend-AtlassianDirectoryUser -WhatIf }
else { $memberships | Remove-AtlassianGroupMember -WhatIf }
if (-not $Apply) { Write-Host "Review $csv, then run again with -Apply."; exit 0 }

$results = @(
    $direct | Revoke-AtlassianUserRole -Force -PassThru -ErrorAction Continue
    if ($Suspend) { $viaGroups | Sort-Object AccountId -Unique | Suspend-AtlassianDirectoryUser -Force -PassThru -ErrorAction Continue }
    else { $memberships | Remove-AtlassianGroupMember -Confirm:$false -PassThru -ErrorAction Continue }
)
$results | Export-Csv (Join-Path $ReportFolder "reclaimed-$stamp.csv") -NoTypeInformation
$failed = @($results | Where-Object Outcome -eq 'Failed')
Write-Host ("Applied: {0} changed, {1} unchanged, {2} failed." -f @($results | Where-Object Outcome -eq 'Changed').Count, @($results | Where-Object Outcome -eq 'Unchanged').Count, $failed.Count)
Find-AtlassianUnusedLicense @find -Summary | Format-Table ProductKey, Workspace, Billable, SeatsFreed -AutoSize | Out-String | Write-Host
exit ([int]($failed.Count -gt 0))
