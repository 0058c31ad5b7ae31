#Requires -Version 7.0
<#
.SYNOPSIS
    Builds, tests, packages and demos AtlassianAdmin.
.DESCRIPTION
    A thin wrapper over the dotnet CLI; every task has a plain dotnet equivalent for machines without pwsh:
      Build    dotnet build AtlassianAdmin.sln                      (assembles out/AtlassianAdmin)
      Test     dotnet test AtlassianAdmin.sln  (+ Invoke-Pester tests/Pester when Pester 5 is installed)
      Package  dotnet msbuild src/AtlassianAdmin -t:PackageModule   (out/AtlassianAdmin.<version>.nupkg)
      Demo     dotnet run --project src/AtlassianAdmin.Host -- examples/demo.ps1
      Clean    dotnet clean AtlassianAdmin.sln; remove out/
    The version comes from Directory.Build.props only.
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
    [string] $Configuration = 'Debug'
)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
Push-Location $PSScriptRoot
try {
    function Invoke-Dotnet {
        & dotnet @args
        if ($LASTEXITCODE -ne 0) { throw "dotnet $($args -join ' ') failed with exit code $LASTEXITCODE" }
    }
    foreach ($t in $Task) {
        Write-Host "== $t" -ForegroundColor Cyan
        switch ($t) {
            'Clean' {
                Invoke-Dotnet clean AtlassianAdmin.sln -c $Configuration -v q
                Remove-Item -Recurse -Force (Join-Path $PSScriptRoot 'out') -ErrorAction SilentlyContinue
            }
            'Build' { Invoke-Dotnet build AtlassianAdmin.sln -c $Configuration }
            'Test' {
                Invoke-Dotnet test AtlassianAdmin.sln -c $Configuration
                if (Get-Module -ListAvailable Pester | Where-Object Version -ge '5.0') {
                    # Pester runs in a child pwsh so the module it imports does not stay loaded in this session.
                    pwsh -NoProfile -Command "Invoke-Pester -Path '$PSScriptRoot/tests/Pester' -CI"
                    if ($LASTEXITCODE -ne 0) { throw 'Pester tests failed.' }
                }
                else { Write-Warning 'Pester 5 is not installed; skipped tests/Pester (Install-PSResource Pester).' }
            }
            'Package' { Invoke-Dotnet msbuild src/AtlassianAdmin/AtlassianAdmin.csproj -t:PackageModule -p:Configuration=$Configuration -restore }
            'Demo' { Invoke-Dotnet run --project src/AtlassianAdmin.Host -c $Configuration -- examples/demo.ps1 }
        }
    }
}
finally {
    Pop-Location
}
