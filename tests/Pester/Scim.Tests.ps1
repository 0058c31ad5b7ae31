#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# Read-only SCIM cmdlets: what the identity provider pushed, on the directory's own SCIM key.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'Common.psm1') -Force
    Import-Module (Get-ModuleManifestPath) -Force -ErrorAction Stop
    Connect-AtlassianOrg -Sandbox -SandboxUserCount 40
}

AfterAll {
    Disconnect-AtlassianOrg -All
    Remove-Module AtlassianAdmin -ErrorAction SilentlyContinue
}

Describe 'SCIM users and groups' {
    It 'lists the users the directory marks as IdP-provisioned, with their SCIM identity' {
        $synced = @(Get-AtlassianUser | Where-Object ManagementSource -eq 'synced')
        $scim = @(Get-AtlassianScimUser)
        $scim.Count | Should -Be $synced.Count
        $scim[0].UserName | Should -Be $synced[0].Email
        $scim[0].AtlassianAccountId | Should -Be $synced[0].AccountId
        $scim[0].Id | Should -Not -Be $synced[0].AccountId
        $scim[0].ExternalId | Should -Not -BeNullOrEmpty
        "$($scim[0])" | Should -Be $synced[0].Email
    }

    It 'finds one user by email from a CSV row and reports the unknown one without stopping' {
        $email = (Get-AtlassianScimUser -First 1).UserName
        $rows = "Email`n$email`nnobody@example.com" | ConvertFrom-Csv
        $found = @($rows | Get-AtlassianScimUser -ErrorVariable errs -ErrorAction SilentlyContinue)
        $found.UserName | Should -Be $email
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'ScimUserNotFound,*'
        $errs[0].TargetObject | Should -Be 'nobody@example.com'
    }

    It 'shows the synced groups with their members, also from a directory group' {
        $hr = Get-AtlassianGroup -Name 'hr-synced'
        $group = @(Get-AtlassianScimGroup -DisplayName 'hr-synced')
        $group.Count | Should -Be 1
        $group[0].MemberCount | Should -Be @(Get-AtlassianGroupMember -Group $hr).Count
        @($hr | Get-AtlassianScimGroup)[0].DisplayName | Should -Be 'hr-synced'
        @(Get-AtlassianScimGroup -DisplayName 'developers' -ErrorAction SilentlyContinue).Count | Should -Be 0
    }

    It 'shows SCIM on the connection without the key, in any stream' {
        $connection = Get-AtlassianConnection | Where-Object IsDefault
        $connection.HasScim | Should -BeTrue
        $connection.ScimDirectoryId | Should -Be (Get-AtlassianDirectory).DirectoryId
        $shown = ($connection | Format-List * | Out-String) + ($connection | ConvertTo-Json -Depth 2)
        $verbose = Get-AtlassianScimUser -Verbose 4>&1 | Out-String
        $verbose | Should -Match 'GET /scim/directory/'
        "$shown$verbose" | Should -Not -Match 'sandbox-scim-key'
    }
}
