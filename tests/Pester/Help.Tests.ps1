#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# Full help for every exported cmdlet, generated from docs/*.md.

BeforeDiscovery {
    $manifest = [IO.Path]::Combine($PSScriptRoot, '..', '..', 'out', 'AtlassianAdmin', 'AtlassianAdmin.psd1')
    $cmdlets = (Import-PowerShellDataFile $manifest).CmdletsToExport | ForEach-Object { @{ Name = $_ } }
}

BeforeAll {
    $manifest = [IO.Path]::Combine($PSScriptRoot, '..', '..', 'out', 'AtlassianAdmin', 'AtlassianAdmin.psd1')
    Import-Module $manifest -Force -ErrorAction Stop
    $common = [System.Management.Automation.Cmdlet]::CommonParameters + [System.Management.Automation.Cmdlet]::OptionalCommonParameters
}

AfterAll { Remove-Module AtlassianAdmin -ErrorAction SilentlyContinue }

Describe 'Help for <Name>' -ForEach $cmdlets {
    BeforeAll { $help = Get-Help $Name -Full }

    It 'has a synopsis, a description and at least two examples' {
        $help.Synopsis | Should -Not -BeNullOrEmpty
        $help.Synopsis | Should -Not -BeLike "$Name *"   # not the auto-generated syntax line
        ($help.description.Text -join '') | Should -Not -BeNullOrEmpty
        @($help.examples.example).Count | Should -BeGreaterOrEqual 2
    }

    It 'describes every parameter' {
        $documented = @{}
        foreach ($p in $help.parameters.parameter) { $documented[$p.name] = ($p.description.Text -join '') }
        foreach ($p in (Get-Command $Name).Parameters.Keys | Where-Object { $_ -notin $common }) {
            $documented.ContainsKey($p) | Should -BeTrue -Because "-$p needs a section in docs/$Name.md"
            $documented[$p] | Should -Not -BeNullOrEmpty -Because "-$p needs a description"
        }
    }

    It 'renders -Full and -Examples as text in the console' {
        $full = Get-Help $Name -Full | Out-String -Width 120
        $full | Should -Match 'SYNOPSIS'
        $full | Should -Match 'PARAMETERS'
        $full | Should -Match 'EXAMPLE 1|Example 1'
        $examples = Get-Help $Name -Examples | Out-String -Width 400
        $examples | Should -Match ([regex]::Escape(@($help.examples.example)[0].code.Trim().Split("`n")[0].Trim()))
        $examples | Should -Not -Match 'PARAMETERS'
    }

    It 'has a docs page' {
        [IO.Path]::Combine($PSScriptRoot, '..', '..', 'docs', "$Name.md") | Should -Exist
    }
}
