#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# Tab completion as the console asks for it (TabExpansion2).

BeforeAll {
    $manifest = [IO.Path]::Combine($PSScriptRoot, '..', '..', 'out', 'AtlassianAdmin', 'AtlassianAdmin.psd1')
    Import-Module $manifest -Force -ErrorAction Stop
    function Complete([string] $line) { (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText }
}

AfterAll {
    Disconnect-AtlassianOrg -All
    Remove-Module AtlassianAdmin -ErrorAction SilentlyContinue
}

Describe 'Argument completion' {
    AfterEach { Disconnect-AtlassianOrg -All }

    It 'completes connection names, quoting when needed' {
        Connect-AtlassianOrg -Sandbox -Name prod
        Connect-AtlassianOrg -Sandbox -Name 'test org'
        Connect-AtlassianOrg -Sandbox -Name preview
        Complete 'Get-AtlassianUser -Connection pr' | Should -Be @('preview', 'prod')
        Complete 'Get-AtlassianUser -Connection te' | Should -Be "'test org'"
    }

    It 'completes role ids from the known list' {
        function Test-Role { param([ArgumentCompleter([AtlassianAdmin.Completers.RoleIdCompleter])] [string] $Role) $Role }
        @(Complete 'Test-Role -Role ').Count | Should -Be 12
        Complete 'Test-Role -Role org' | Should -Be 'atlassian/org-admin'
    }

    It 'completes directory ids of the connection on the command line' {
        Connect-AtlassianOrg -Sandbox -Name a
        $id = (Get-AtlassianDirectory -Connection a).DirectoryId
        Complete 'Get-AtlassianUser -Connection a -DirectoryId ' | Should -Be $id
    }

    It 'never blocks the prompt' {
        Connect-AtlassianOrg -Sandbox
        $elapsed = Measure-Command { Complete 'Get-AtlassianUserCount -DirectoryId ' }
        $elapsed.TotalMilliseconds | Should -BeLessThan 1000
    }
}
