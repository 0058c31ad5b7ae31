<#
.SYNOPSIS
    Runs the Pester suite (tests/Pester) with the Pester 5.7.1 that the build restored into the NuGet folder, against
    the built module (out/AtlassianAdmin). build.ps1 -Task Test starts it in a child `pwsh -NonInteractive`.
.DESCRIPTION
    Writes JUnit XML and a summary (pester-summary.json: Passed, Failed, Skipped) counted from Pester's result object
    into -ResultFolder; exits 1 when a test failed or none ran.
#>
param(
    [string] $ResultFolder = (Join-Path $PSScriptRoot '../out/test-results'),
    [string[]] $Path = @(Join-Path $PSScriptRoot 'Pester'),
    [string] $Output = 'Normal'
)
$ErrorActionPreference = 'Stop'
$env:POWERSHELL_TELEMETRY_OPTOUT = '1'
$packages = if ($env:NUGET_PACKAGES) { $env:NUGET_PACKAGES } else { Join-Path ([Environment]::GetFolderPath('UserProfile')) '.nuget/packages' }
$pester = Join-Path $packages 'pester/5.7.1/tools/Pester.psd1'
if (-not (Test-Path $pester)) { throw "Pester 5.7.1 is not restored at $pester; run 'dotnet build AtlassianAdmin.sln' first." }
Import-Module $pester -Force
# Logs (CI, redirected output) get plain text rather than ANSI colour codes.
if ($env:CI -or $env:NO_COLOR -or [Console]::IsOutputRedirected) { $PSStyle.OutputRendering = 'PlainText' }

$null = New-Item -ItemType Directory -Force $ResultFolder
$config = New-PesterConfiguration
$config.Run.Path = $Path
$config.Run.PassThru = $true
$config.Output.Verbosity = $Output
$config.TestResult.Enabled = $true
$config.TestResult.OutputFormat = 'JUnitXml'
$config.TestResult.OutputPath = Join-Path $ResultFolder 'pester.xml'
$result = Invoke-Pester -Configuration $config

$failed = $result.FailedCount + $result.FailedBlocksCount + $result.FailedContainersCount
[pscustomobject]@{ Passed = $result.PassedCount; Failed = $failed; Skipped = $result.SkippedCount } |
    ConvertTo-Json | Set-Content (Join-Path $ResultFolder 'pester-summary.json')
exit ([int]($failed -gt 0 -or $result.PassedCount -eq 0))
