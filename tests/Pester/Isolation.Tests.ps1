#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# The module works in a process that already loaded other versions of its dependencies (PowerShell 7).

Describe 'Dependency isolation' -Skip:($PSVersionTable.PSEdition -ne 'Core') {
    BeforeAll {
        $root = [IO.Path]::GetFullPath([IO.Path]::Combine($PSScriptRoot, '..', '..'))
        # Older copies restored by the xunit project (PackageDownload) into its output folder.
        $conflicts = Get-ChildItem -Path (Join-Path $root 'tests/AtlassianAdmin.Module.Tests/bin') -Recurse -Directory -Filter Conflicts -ErrorAction SilentlyContinue |
            Select-Object -First 1 -ExpandProperty FullName
    }

    It 'imports and works beside older Polly.Core and Microsoft.Extensions.DependencyInjection.Abstractions' {
        if (-not $conflicts) { Set-ItResult -Skipped -Because 'run dotnet build first (it restores the older copies)'; return }
        $script = @"
`$ErrorActionPreference = 'Stop'
`$null = [System.Reflection.Assembly]::LoadFrom('$conflicts/Polly.Core.dll')
`$null = [System.Reflection.Assembly]::LoadFrom('$conflicts/Microsoft.Extensions.DependencyInjection.Abstractions.dll')
Import-Module '$root/out/AtlassianAdmin/AtlassianAdmin.psd1'
Connect-AtlassianOrg -Sandbox
'USERS ' + @(Get-AtlassianUser -First 3).Count
"@
        $output = pwsh -NoProfile -NonInteractive -Command $script 2>&1
        $LASTEXITCODE | Should -Be 0 -Because ($output -join "`n")
        $output | Should -Contain 'USERS 3'
    }

    It 'keeps third-party assemblies out of the cmdlet assembly references' {
        $dll = [IO.Path]::Combine($PSScriptRoot, '..', '..', 'out', 'AtlassianAdmin', 'AtlassianAdmin.dll')
        $stream = [IO.File]::OpenRead($dll)
        try {
            $pe = [System.Reflection.PortableExecutable.PEReader]::new($stream)
            $md = [System.Reflection.Metadata.PEReaderExtensions]::GetMetadataReader($pe)
            $refs = foreach ($h in $md.AssemblyReferences) { $md.GetString($md.GetAssemblyReference($h).Name) }
        }
        finally { $stream.Dispose() }
        $refs | Should -Contain 'AtlassianAdmin.Client'
        $refs | Where-Object { $_ -like 'Polly*' -or $_ -like 'Microsoft.Extensions.*' -or $_ -eq 'System.Text.Json' -or $_ -like 'Microsoft.Bcl.*' } | Should -BeNullOrEmpty
    }
}
