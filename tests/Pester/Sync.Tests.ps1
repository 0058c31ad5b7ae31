#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# Desired-state sync: plan, apply, and an empty plan on the re-run.

BeforeAll {
    $manifest = [IO.Path]::Combine($PSScriptRoot, '..', '..', 'out', 'AtlassianAdmin', 'AtlassianAdmin.psd1')
    Import-Module $manifest -Force -ErrorAction Stop
    Connect-AtlassianOrg -Sandbox -SandboxUserCount 60
}

AfterAll {
    Disconnect-AtlassianOrg -All
    Remove-Module AtlassianAdmin -ErrorAction SilentlyContinue
}

Describe 'Sync-AtlassianGroupMembership' {
    It 'applies the plan and a re-run has nothing to do' {
        New-AtlassianGroup -Name 'pester-sync' | Out-Null
        $desired = Get-AtlassianUser -Status active -Skip 40 -First 4 | ForEach-Object { [pscustomobject]@{ group = 'pester-sync'; email = $_.Email } }
        @($desired | Compare-AtlassianGroupMembership).Count | Should -Be 4
        ($desired | Sync-AtlassianGroupMembership -PassThru).Outcome | Should -Be @('Changed', 'Changed', 'Changed', 'Changed')
        @($desired | Compare-AtlassianGroupMembership).Count | Should -Be 0
    }
}

Describe 'Sync-AtlassianProjectRole' {
    It 'reaches the desired actors and a re-run has an empty plan' {
        $who = Get-AtlassianUser -Site -First 16 | Select-Object -Last 2
        $desired = $who | ForEach-Object { [pscustomobject]@{ project = 'WEB'; role = 'Users'; email = $_.Email } }
        $desired | Sync-AtlassianProjectRole | Out-Null
        @($desired | Compare-AtlassianProjectRole).Count | Should -Be 0
    }
}
