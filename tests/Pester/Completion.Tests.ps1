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

    It 'offers group names, project keys and role names on the very first Tab of a fresh connection' {
        Connect-AtlassianOrg -Sandbox -Name first-tab
        Complete 'Add-AtlassianGroupMember -Group jira-soft' | Should -Be 'jira-software-users'
        Complete 'Get-AtlassianProjectRole -Project AC' | Should -Be @('ACCESS', 'ACME')
        Complete 'Grant-AtlassianProjectRole -Project ACME -Role Dev' | Should -Be 'Developers'
    }

    It 'completes role ids on the real cmdlets and workspaces by name' {
        Connect-AtlassianOrg -Sandbox
        Complete 'Grant-AtlassianUserRole -Role org' | Should -Be 'atlassian/org-admin'
        Complete 'Grant-AtlassianGroupRole -Workspace acme' | Should -Be 'acme-sandbox'
    }
}
