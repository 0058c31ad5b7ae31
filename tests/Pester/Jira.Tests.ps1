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
    It 'includes the Jira site in the sandbox connection' {
        (Get-AtlassianConnection).SiteUrl | Should -Not -BeNullOrEmpty
        (Get-AtlassianProject).Key | Should -Contain 'ACME'
    }

    It 'grants a project role from CSV rows, idempotently' {
        $who = Get-AtlassianUser -Site -First 30 | Where-Object Active | Select-Object -Skip 11 -First 1   # an active site user
        $row = [pscustomobject]@{ project = 'WEB'; role = 'Developers'; email = $who.Email }
        ($row | Grant-AtlassianProjectRole -PassThru).Outcome | Should -BeIn @('Changed', 'Unchanged')
        ($row | Grant-AtlassianProjectRole -PassThru).Outcome | Should -Be 'Unchanged'
        (Get-AtlassianProjectRole -Project WEB -Role Developers).Actors | Out-String | Should -Match ([regex]::Escape($who.DisplayName))
    }

    It 'runs request, approval and completion, and a re-run does nothing' {
        $who = Get-AtlassianUser -Site -First 30 | Where-Object Active | Select-Object -Skip 13 -First 1
        $request = Request-AtlassianProjectAccess -Project OPS -Role Administrators -Email $who.Email -Reason 'Pester' -PassThru
        $request.Outcome | Should -BeIn @('Changed', 'Unchanged')
        Get-AtlassianAccessRequest -Status Pending -Project OPS | Approve-AtlassianAccessRequest -Comment 'ok'
        @(Complete-AtlassianAccessRequest -PassThru | Where-Object Outcome -eq 'Changed').Count | Should -BeGreaterThan 0
        @(Complete-AtlassianAccessRequest -PassThru).Count | Should -Be 0
    }

    It 'writes the request it creates, so Request | Approve decides it in one pipeline' {
        $who = Get-AtlassianUser -Site -First 30 | Where-Object Active | Select-Object -Skip 15 -First 1
        $approved = $who.Email | Request-AtlassianProjectAccess -Project ACME -Role Administrators -Reason 'Pester pipeline' |
            Approve-AtlassianAccessRequest -Comment 'ok' -PassThru
        $approved.Outcome | Should -Be 'Changed'
        $request = Get-AtlassianAccessRequest -Status Approved -Project ACME | Where-Object AccountId -eq $who.AccountId
        $request | Should -HaveCount 1
        $approved.Target | Should -Match ([regex]::Escape($request.Key))
        # Asking again: already requested, so nothing is created and nothing is written.
        @(Request-AtlassianProjectAccess -Project ACME -Role Administrators -AccountId $who.AccountId) | Should -HaveCount 0
    }
}
