#Requires -Version 7.0
<#
.SYNOPSIS
    Builds, tests, packages and demos AtlassianAdmin.
.DESCRIPTION
    Run it with the repository's own pwsh (pinned in .config/dotnet-tools.json), so a fresh machine needs only the
    .NET SDK:
        dotnet tool restore
        POWERSHELL_TELEMETRY_OPTOUT=1 dotnet pwsh -NoProfile -NonInteractive -File build.ps1 -Task Test
    Tasks:
      Build    dotnet build AtlassianAdmin.sln (assembles out/AtlassianAdmin, help generated from docs/)
      Test     the xunit suites (TRX results), then the Pester suite in a child `pwsh -NonInteractive` against the
               built module; prints one summary line "Tests: N passed, N failed" counted from the runners' results
               (out/test-results), and fails when any test failed or none ran
      Package  builds, then Compress-PSResource (PSResourceGet) -> out/AtlassianAdmin.<version>.nupkg
      Demo     builds, then runs examples/demo.ps1 in a child `pwsh -NonInteractive` against the sandbox
      Clean    dotnet clean; remove out/
    Every pwsh started here runs with POWERSHELL_TELEMETRY_OPTOUT=1. The version comes from Directory.Build.props only.
.EXAMPLE
    ./build.ps1 -Task Build, Test
.EXAMPLE
    ./build.ps1 -Task Package -Configuration Release
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Package', 'Demo', 'Clean')]
    [string[]] $Task = @('Build'),
    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Debug',
    # Demo: the runbook to run (any examples/*.ps1).
    [string] $Script = 'examples/demo.ps1'
)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
$env:POWERSHELL_TELEMETRY_OPTOUT = '1'
$env:POWERSHELL_UPDATECHECK = 'Off'
$env:DOTNET_CLI_TELEMETRY_OPTOUT = '1'
$env:DOTNET_NOLOGO = '1'
$out = Join-Path $PSScriptRoot 'out'

function Invoke-Dotnet {
    & dotnet @args
    if ($LASTEXITCODE -ne 0) { throw "dotnet $($args -join ' ') failed with exit code $LASTEXITCODE" }
}

# The pwsh running this script (an apphost where installed normally, pwsh.dll under `dotnet tool run`).
function Invoke-ChildPwsh {
    $exe = Join-Path $PSHOME ($IsWindows ? 'pwsh.exe' : 'pwsh')
    if (Test-Path $exe) { & $exe -NoProfile -NonInteractive @args }
    else { & dotnet (Join-Path $PSHOME 'pwsh.dll') -NoProfile -NonInteractive @args }
}

# The built module importable by name in child processes.
function Use-BuiltModule {
    if (-not (Test-Path (Join-Path $out 'AtlassianAdmin/AtlassianAdmin.psd1'))) { throw 'out/AtlassianAdmin is not built.' }
    $env:PSModulePath = $out + [IO.Path]::PathSeparator + $env:PSModulePath
}

function Get-TrxCount([string] $Folder) {
    $passed = 0; $failed = 0
    foreach ($file in Get-ChildItem $Folder -Filter *.trx -ErrorAction SilentlyContinue) {
        $counters = ([xml](Get-Content -Raw $file.FullName)).TestRun.ResultSummary.Counters
        $passed += [int]$counters.passed
        $failed += [int]$counters.failed + [int]$counters.error + [int]$counters.timeout + [int]$counters.aborted
    }
    [pscustomobject]@{ Passed = $passed; Failed = $failed }
}

Push-Location $PSScriptRoot
try {
    foreach ($t in $Task) {
        Write-Host "== $t" -ForegroundColor Cyan
        switch ($t) {
            'Clean' {
                Invoke-Dotnet clean AtlassianAdmin.sln -c $Configuration -v q
                Remove-Item -Recurse -Force $out -ErrorAction SilentlyContinue
            }
            'Build' { Invoke-Dotnet build AtlassianAdmin.sln -c $Configuration }
            'Test' {
                $results = Join-Path $out 'test-results'
                Remove-Item -Recurse -Force $results -ErrorAction SilentlyContinue
                & dotnet test AtlassianAdmin.sln -c $Configuration --logger trx --results-directory $results
                $xunitExit = $LASTEXITCODE
                $xunit = Get-TrxCount $results
                Write-Host "xunit: $($xunit.Passed) passed, $($xunit.Failed) failed"

                Use-BuiltModule
                $pesterSummary = Join-Path $results 'pester-summary.json'
                Invoke-ChildPwsh -File (Join-Path $PSScriptRoot 'tests/Invoke-PesterSuite.ps1') -ResultFolder $results
                $pesterExit = $LASTEXITCODE
                $pester = if (Test-Path $pesterSummary) { Get-Content -Raw $pesterSummary | ConvertFrom-Json }
                          else { [pscustomobject]@{ Passed = 0; Failed = 1 } }
                Write-Host "Pester: $($pester.Passed) passed, $($pester.Failed) failed"

                $passed = $xunit.Passed + $pester.Passed
                $failed = $xunit.Failed + $pester.Failed
                Write-Host "Tests: $passed passed, $failed failed"
                if ($xunitExit -ne 0 -or $pesterExit -ne 0 -or $failed -gt 0) { throw "Tests failed (xunit exit $xunitExit, Pester exit $pesterExit)." }
                if ($xunit.Passed -eq 0 -or $pester.Passed -eq 0) { throw 'No test ran in one of the suites.' }
            }
            'Package' {
                Invoke-Dotnet build AtlassianAdmin.sln -c $Configuration
                # PSResourceGet (ships with pwsh 7.4+) writes the Gallery package from the manifest; release notes and
                # version are stamped into the manifest by the build.
                Remove-Item (Join-Path $out 'AtlassianAdmin.*.nupkg') -ErrorAction SilentlyContinue
                Compress-PSResource -Path (Join-Path $out 'AtlassianAdmin') -DestinationPath $out
                Get-ChildItem (Join-Path $out 'AtlassianAdmin.*.nupkg') | ForEach-Object { Write-Host "Module package: $($_.FullName)" }
            }
            'Demo' {
                Invoke-Dotnet build AtlassianAdmin.sln -c $Configuration -v q '-clp:ErrorsOnly'
                Use-BuiltModule
                Invoke-ChildPwsh -File (Join-Path $PSScriptRoot $Script)
                if ($LASTEXITCODE -ne 0) { throw "$Script failed with exit code $LASTEXITCODE" }
            }
        }
    }
}
finally {
    Pop-Location
}
