# Shared by the Pester files: where the built module is, and how to start a fresh pwsh like the one running the tests.

$script:Manifest = [IO.Path]::GetFullPath([IO.Path]::Combine($PSScriptRoot, '..', '..', 'out', 'AtlassianAdmin', 'AtlassianAdmin.psd1'))
function Get-ModuleManifestPath { $script:Manifest }

<#
.SYNOPSIS
    Runs pwsh -NoProfile -NonInteractive in a fresh process (this same pwsh: an apphost, or pwsh.dll under dotnet), with
    the built module importable by name and colour off. Returns the output lines; $LASTEXITCODE is the child's.
#>
function Invoke-ChildPwsh {
    param([Parameter(Mandatory)] [string[]] $ArgumentList, [string] $InputText, [switch] $MergeError)
    $apphost = Join-Path $PSHOME ($IsWindows ? 'pwsh.exe' : 'pwsh')
    $exe, $pre = if (Test-Path $apphost) { $apphost, @() } else { 'dotnet', @(Join-Path $PSHOME 'pwsh.dll') }
    $saved = @{ NO_COLOR = $env:NO_COLOR; PSModulePath = $env:PSModulePath; POWERSHELL_TELEMETRY_OPTOUT = $env:POWERSHELL_TELEMETRY_OPTOUT }
    $env:NO_COLOR = '1'
    $env:POWERSHELL_TELEMETRY_OPTOUT = '1'
    $env:PSModulePath = [IO.Path]::GetDirectoryName([IO.Path]::GetDirectoryName($script:Manifest)) + [IO.Path]::PathSeparator + $env:PSModulePath
    try {
        $all = @($pre) + @('-NoProfile', '-NonInteractive') + $ArgumentList
        if ($MergeError) {
            if ($PSBoundParameters.ContainsKey('InputText')) { $InputText | & $exe @all 2>&1 | ForEach-Object { "$_" } }
            else { & $exe @all 2>&1 | ForEach-Object { "$_" } }
        }
        elseif ($PSBoundParameters.ContainsKey('InputText')) { $InputText | & $exe @all }
        else { & $exe @all }
    }
    finally {
        foreach ($k in $saved.Keys) { Set-Item "Env:$k" -Value $saved[$k] -ErrorAction SilentlyContinue; if ($null -eq $saved[$k]) { Remove-Item "Env:$k" -ErrorAction SilentlyContinue } }
    }
}

Export-ModuleMember -Function Get-ModuleManifestPath, Invoke-ChildPwsh
