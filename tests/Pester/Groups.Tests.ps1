#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# Groups, members and product access through groups, in the sandbox organization.

BeforeAll {
    $manifest = [IO.Path]::Combine($PSScriptRoot, '..', '..', 'out', 'AtlassianAdmin', 'AtlassianAdmin.psd1')
    Import-Module $manifest -Force -ErrorAction Stop
    Connect-AtlassianOrg -Sandbox -SandboxUserCount 60
}

AfterAll {
    Disconnect-AtlassianOrg -All
    Remove-Module AtlassianAdmin -ErrorAction SilentlyContinue
}

Describe 'Group cmdlets' {
    It 'creates a group once and reports a duplicate name' -Tag 'xunit:GroupTests.New_group_creates_reports_duplicates_and_returns_existing_on_request' {
        $group = New-AtlassianGroup -Name 'pester-team' -Description 'Made by Pester'
        $group.Name | Should -Be 'pester-team'
        New-AtlassianGroup -Name 'pester-team' -ErrorVariable dup -ErrorAction SilentlyContinue | Out-Null
        $dup[0].FullyQualifiedErrorId | Should -BeLike 'GroupAlreadyExists*'
        (New-AtlassianGroup -Name 'pester-team' -IfExists Return).Id | Should -Be $group.Id
    }

    It 'adds CSV rows of group,email idempotently' -Tag 'xunit:GroupTests.Add_member_accepts_every_group_and_user_form_and_is_idempotent' {
        $people = Get-AtlassianUser -Status active -Skip 20 -First 3
        $rows = $people | ForEach-Object { [pscustomobject]@{ group = 'pester-team'; email = $_.Email } }
        ($rows | Add-AtlassianGroupMember -PassThru).Outcome | Should -Be @('Changed', 'Changed', 'Changed')
        ($rows | Add-AtlassianGroupMember -PassThru).Outcome | Should -Be @('Unchanged', 'Unchanged', 'Unchanged')
        (Get-AtlassianGroupMember -Group 'pester-team').AccountId | Sort-Object | Should -Be ($people.AccountId | Sort-Object)
    }

    It 'fails an unknown group or user on its own row' -Tag 'xunit:GroupTests.Bad_rows_fail_alone_with_clear_errors_and_the_rest_succeed' {
        $someone = Get-AtlassianUser -Status active -Skip 30 -First 1
        $rows = @(
            [pscustomobject]@{ group = 'no-such-group'; email = $someone.Email }
            [pscustomobject]@{ group = 'pester-team'; email = 'ghost@acme-sandbox.example' }
            [pscustomobject]@{ group = 'pester-team'; email = $someone.Email }
        )
        $results = $rows | Add-AtlassianGroupMember -PassThru -ErrorVariable rowErrors -ErrorAction SilentlyContinue
        $results.Outcome | Should -Be @('Failed', 'Failed', 'Changed')
        $rowErrors.FullyQualifiedErrorId | ForEach-Object { ($_ -split ',')[0] } | Should -Be @('GroupNotFound', 'UserNotFound')
    }

    It 'grants and revokes a role through a group idempotently' -Tag 'xunit:GroupTests.Group_roles_grant_and_revoke_idempotently_without_removing_access_from_other_groups' {
        $jira = Get-AtlassianWorkspace -Product jira | Select-Object -First 1
        (Grant-AtlassianGroupRole -Group 'pester-team' -Workspace $jira -Role user -PassThru).Outcome | Should -Be 'Changed'
        (Grant-AtlassianGroupRole -Group 'pester-team' -Workspace $jira -Role user -PassThru).Outcome | Should -Be 'Unchanged'
        (Get-AtlassianGroupRole -Group 'pester-team').RoleId | Should -Contain 'atlassian/user'
        (Revoke-AtlassianGroupRole -Group 'pester-team' -Workspace $jira -Role user -Force -PassThru).Outcome | Should -Be 'Changed'
    }
}
