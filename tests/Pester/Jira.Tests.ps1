#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# The sandbox's Jira site: project roles and the access-request cycle routed to project leads.

BeforeAll {
    $manifest = [IO.Path]::Combine($PSScriptRoot, '..', '..', 'out', 'AtlassianAdmin', 'AtlassianAdmin.psd1')
    Import-Module $manifest -Force -ErrorAction Stop
    Connect-AtlassianOrg -Sandbox -SandboxUserCount 60
}

AfterAll {
    Disconnect-AtlassianOrg -All
    Remove-Module AtlassianAdmin -ErrorAction SilentlyContinue
}

Describe 'Jira site administration' {
    It 'includes the Jira site in the sandbox connection' -Tag 'xunit:JiraSiteTests.Sandbox_connection_includes_its_jira_site' {
        (Get-AtlassianConnection).SiteUrl | Should -Not -BeNullOrEmpty
        (Get-AtlassianProject).Key | Should -Contain 'ACME'
    }

    It 'grants a project role from CSV rows, idempotently' -Tag 'xunit:JiraRoleAndRequestTests.Grant_and_revoke_users_and_groups_from_objects_ids_emails_and_csv_rows' {
        $who = Get-AtlassianUser -Site -First 12 | Select-Object -Last 1
        $row = [pscustomobject]@{ project = 'WEB'; role = 'Developers'; email = $who.Email }
        ($row | Grant-AtlassianProjectRole -PassThru).Outcome | Should -BeIn @('Changed', 'Unchanged')
        ($row | Grant-AtlassianProjectRole -PassThru).Outcome | Should -Be 'Unchanged'
        (Get-AtlassianProjectRole -Project WEB -Role Developers).Actors | Out-String | Should -Match ([regex]::Escape($who.DisplayName))
    }

    It 'runs request, approval and completion, and a re-run does nothing' -Tag 'xunit:JiraRoleAndRequestTests.Request_lead_approves_complete_grants_comments_and_closes_and_rerun_is_harmless' {
        $who = Get-AtlassianUser -Site -First 14 | Select-Object -Last 1
        $request = Request-AtlassianProjectAccess -Project OPS -Role Administrators -User $who.Email -Reason 'Pester' -PassThru
        $request.Outcome | Should -BeIn @('Changed', 'Unchanged')
        Get-AtlassianAccessRequest -Status Pending -Project OPS | Approve-AtlassianAccessRequest -Comment 'ok'
        @(Complete-AtlassianAccessRequest -PassThru | Where-Object Outcome -eq 'Changed').Count | Should -BeGreaterThan 0
        @(Complete-AtlassianAccessRequest -PassThru).Count | Should -Be 0
    }
}
