# The Gallery package as PSResourceGet builds it (Compress-PSResource), installed from a local folder repository into
# a fresh pwsh with a home of its own, imported by name and used against the sandbox.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'Common.psm1') -Force
    $module = [IO.Path]::GetDirectoryName((Get-ModuleManifestPath))
    $script:manifest = Import-PowerShellDataFile (Get-ModuleManifestPath)
    $script:repo = Join-Path $TestDrive 'repo'
    New-Item -ItemType Directory $repo | Out-Null
    Compress-PSResource -Path $module -DestinationPath $repo
    $script:package = Get-ChildItem $repo -Filter 'AtlassianAdmin.*.nupkg' | Select-Object -First 1
}

Describe 'Gallery package' {
    It 'is named by the one version and carries the manifest metadata' {
        $package.Name | Should -Be "AtlassianAdmin.$($manifest.ModuleVersion).nupkg"
        Add-Type -AssemblyName System.IO.Compression.FileSystem
        $zip = [IO.Compression.ZipFile]::OpenRead($package.FullName)
        try {
            $names = $zip.Entries.FullName -replace '\\', '/'
            foreach ($f in 'AtlassianAdmin.psd1', 'AtlassianAdmin.dll', 'en-US/AtlassianAdmin.dll-Help.xml', 'Formats/Core.Format.ps1xml', 'Dependencies/Polly.Core.dll', 'Dependencies/AtlassianAdmin.Client.dll', 'LICENSE') {
                $names | Should -Contain $f
            }
            $reader = [IO.StreamReader]::new(($zip.Entries | Where-Object FullName -like '*.nuspec').Open())
            [xml] $nuspec = $reader.ReadToEnd(); $reader.Dispose()
        }
        finally { $zip.Dispose() }
        $meta = $nuspec.package.metadata
        $meta.id | Should -Be 'AtlassianAdmin'
        $meta.version | Should -Be $manifest.ModuleVersion
        $meta.description | Should -Be $manifest.Description
        $meta.authors | Should -Be $manifest.Author
        $meta.releaseNotes | Should -Not -BeNullOrEmpty
        $tags = $meta.tags -split ' '
        foreach ($t in 'PSModule', 'PSEdition_Core', 'PSEdition_Desktop', 'Atlassian') { $tags | Should -Contain $t }
    }

    It 'installs from a local repository into a fresh pwsh and works by name' {
        $home2 = Join-Path $TestDrive 'home'
        New-Item -ItemType Directory $home2 | Out-Null
        $script = @"
`$ErrorActionPreference = 'Stop'
Register-PSResourceRepository -Name local -Uri '$repo' -Trusted
Install-PSResource AtlassianAdmin -Repository local -Scope CurrentUser -TrustRepository
`$m = Get-Module -ListAvailable AtlassianAdmin | Select-Object -First 1
'INSTALLED ' + `$m.Version + ' ' + `$m.ModuleBase
Import-Module AtlassianAdmin
Connect-AtlassianOrg -Sandbox | Out-Null
'USERS ' + @(Get-AtlassianUser -First 2).Count
"@
        $saved = $env:HOME
        $env:HOME = $home2   # a fresh user: its own repositories and CurrentUser module folder
        try { $lines = Invoke-ChildPwsh -ArgumentList '-Command', $script -MergeError }
        finally { $env:HOME = $saved }
        $text = $lines -join "`n"
        $LASTEXITCODE | Should -Be 0 -Because $text
        $text | Should -Match "INSTALLED $([regex]::Escape($manifest.ModuleVersion)) $([regex]::Escape($home2))"
        $text | Should -Match 'USERS 2'
    }
}
