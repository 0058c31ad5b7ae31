#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# Leavers, licences and audit: API tokens, offboarding, identity-provider ownership, SIEM export, licence views.

BeforeAll {
    $manifest = [IO.Path]::Combine($PSScriptRoot, '..', '..', 'out', 'AtlassianAdmin', 'AtlassianAdmin.psd1')
    Import-Module $manifest -Force -ErrorAction Stop
    Connect-AtlassianOrg -Sandbox -SandboxUserCount 60
}

AfterAll {
    Disconnect-AtlassianOrg -All
    Remove-Module AtlassianAdmin -ErrorAction SilentlyContinue
}

Describe 'API tokens' {
    It 'lists every token of the org with dates and no token values' {
        $tokens = @(Get-AtlassianApiToken)
        $tokens.Count | Should -BeGreaterThan 0
        $tokens[0].PSObject.Properties.Name | Should -Contain 'TokenId'
        $tokens[0].PSObject.Properties.Name | Should -Contain 'LastAccess'
        $tokens[0].PSObject.Properties.Name | Should -Not -Contain 'Token'
        $tokens | ForEach-Object { $_.CreatedAt | Should -Not -BeNullOrEmpty }
    }

    It 'revokes one user''s tokens, and a second run is Unchanged' {
        $owner = (Get-AtlassianApiToken | Select-Object -First 1).AccountId
        $before = @(Get-AtlassianApiToken -AccountId $owner)
        $whatIf = @(Get-AtlassianApiToken -AccountId $owner | Revoke-AtlassianApiToken -WhatIf -PassThru)
        $whatIf.Outcome | Sort-Object -Unique | Should -Be 'WhatIf'
        @(Get-AtlassianApiToken -AccountId $owner).Count | Should -Be $before.Count
        (Revoke-AtlassianApiToken -AccountId $owner -Force -PassThru).Outcome | Should -Be 'Changed'
        @(Get-AtlassianApiToken -AccountId $owner).Count | Should -Be 0
        (Revoke-AtlassianApiToken -AccountId $owner -Force -PassThru).Outcome | Should -Be 'Unchanged'
        ($before[0] | Revoke-AtlassianApiToken -Force -PassThru).Outcome | Should -Be 'Unchanged'
    }
}
