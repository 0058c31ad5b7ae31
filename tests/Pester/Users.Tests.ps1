#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# Reading users from the sandbox organization.

BeforeAll {
    $manifest = [IO.Path]::Combine($PSScriptRoot, '..', '..', 'out', 'AtlassianAdmin', 'AtlassianAdmin.psd1')
    Import-Module $manifest -Force -ErrorAction Stop
    Connect-AtlassianOrg -Sandbox -SandboxUserCount 60
}

AfterAll {
    Disconnect-AtlassianOrg -All
    Remove-Module AtlassianAdmin -ErrorAction SilentlyContinue
}

Describe 'Get-AtlassianUser' {
    It 'writes typed users' {
        $u = Get-AtlassianUser -First 1
        $u.GetType().FullName | Should -Be 'AtlassianAdmin.Models.AtlassianUser'
        $u.AccountId | Should -Not -BeNullOrEmpty
        $u.DirectoryId | Should -Not -BeNullOrEmpty
    }

    It 'pages with -First and -Skip' {
        @(Get-AtlassianUser -Skip 5 -First 3).Count | Should -Be 3
    }

    It 'binds CSV-shaped rows by property name and reports rows that match nobody' {
        $known = Get-AtlassianUser -First 2
        $rows = @(
            [pscustomobject]@{ account_id = $known[0].AccountId }
            [pscustomobject]@{ EmailAddress = $known[1].Email }
            [pscustomobject]@{ mail = 'nobody@acme-sandbox.example' }
        )
        $found = $rows | Get-AtlassianUser -ErrorVariable lookupErrors -ErrorAction SilentlyContinue
        $found.AccountId | Should -Be @($known[0].AccountId, $known[1].AccountId)
        $lookupErrors.Count | Should -Be 1
        $lookupErrors[0].FullyQualifiedErrorId | Should -BeLike 'UserNotFound*'
        $lookupErrors[0].TargetObject | Should -Be 'nobody@acme-sandbox.example'
    }

    It 'counts with the count endpoint and filters by status' {
        Get-AtlassianUserCount | Should -Be 60
        Get-AtlassianUserCount -Status suspended | Should -Be @(Get-AtlassianUser -Status suspended).Count
    }
}
