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

    It 'reads a text file of emails and accountIds (Get-Content), on the org and with -Site' {
        $known = Get-AtlassianUser -First 3 -Status active
        $file = Join-Path $TestDrive 'people.txt'
        Set-Content -Path $file -Value @($known[0].Email, $known[1].AccountId, 'nobody@acme-sandbox.example')
        $found = Get-Content $file | Get-AtlassianUser -ErrorVariable lineErrors -ErrorAction SilentlyContinue
        $found.AccountId | Should -Be @($known[0].AccountId, $known[1].AccountId)
        $lineErrors.Count | Should -Be 1
        $lineErrors[0].FullyQualifiedErrorId | Should -BeLike 'UserNotFound*'

        $site = @(Get-AtlassianUser -Site -First 30 | Where-Object Active | Select-Object -First 2)
        Set-Content -Path $file -Value $site.AccountId
        (Get-Content $file | Get-AtlassianUser -Site).AccountId | Should -Be $site.AccountId
    }

    It 'lists the members of a group piped in' {
        $group = Get-AtlassianGroup | Where-Object MemberCount -gt 0 | Select-Object -First 1
        $members = @($group | Get-AtlassianUser)
        $members.Count | Should -Be @(Get-AtlassianGroupMember -Group $group).Count
        $members.AccountId | Should -Not -Contain $group.Id
    }

    It 'counts with the count endpoint and filters by status' {
        Get-AtlassianUserCount | Should -Be 60
        Get-AtlassianUserCount -Status suspended | Should -Be @(Get-AtlassianUser -Status suspended).Count
    }
}
