#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# Suspend / restore / remove: the shared state-changing behaviour (input forms, idempotency, WhatIf, per-row errors).

BeforeAll {
    $manifest = [IO.Path]::Combine($PSScriptRoot, '..', '..', 'out', 'AtlassianAdmin', 'AtlassianAdmin.psd1')
    Import-Module $manifest -Force -ErrorAction Stop
    Connect-AtlassianOrg -Sandbox -SandboxUserCount 60
}

AfterAll {
    Disconnect-AtlassianOrg -All
    Remove-Module AtlassianAdmin -ErrorAction SilentlyContinue
}

Describe 'Suspend-AtlassianDirectoryUser' {
    It 'takes objects, accountIds, emails and CSV rows, with one result per item' {
        $users = Get-AtlassianUser -Status active -Skip 5 -First 3
        $results = @(
            $users[0] | Suspend-AtlassianDirectoryUser -Force -PassThru
            Suspend-AtlassianDirectoryUser -AccountId $users[1].AccountId -Force -PassThru
            [pscustomobject]@{ email = $users[2].Email } | Suspend-AtlassianDirectoryUser -Force -PassThru
        )
        $results.Outcome | Should -Be @('Changed', 'Changed', 'Changed')
        (Get-AtlassianUser -AccountId $users.AccountId).Status | Should -Be @('suspended', 'suspended', 'suspended')
    }

    It 'reports Unchanged on a re-run and Restore brings access back' {
        $user = Get-AtlassianUser -Status active -Skip 10 -First 1
        $user | Suspend-AtlassianDirectoryUser -Force | Out-Null
        ($user | Suspend-AtlassianDirectoryUser -Force -PassThru).Outcome | Should -Be 'Unchanged'
        ($user | Restore-AtlassianDirectoryUser -PassThru).Outcome | Should -Be 'Changed'
        ($user | Restore-AtlassianDirectoryUser -PassThru).Outcome | Should -Be 'Unchanged'
    }

    It 'changes nothing under -WhatIf' {
        $user = Get-AtlassianUser -Status active -Skip 12 -First 1
        ($user | Suspend-AtlassianDirectoryUser -WhatIf -PassThru).Outcome | Should -Be 'WhatIf'
        (Get-AtlassianUser -AccountId $user.AccountId).Status | Should -Be 'active'
    }

    It 'fails bad rows alone with the row as target' {
        $good = Get-AtlassianUser -Status active -Skip 14 -First 1
        $rows = @(
            [pscustomobject]@{ Email = 'ghost@acme-sandbox.example' }
            [pscustomobject]@{ Email = $good.Email }
        )
        $results = $rows | Suspend-AtlassianDirectoryUser -Force -PassThru -ErrorVariable rowErrors -ErrorAction SilentlyContinue
        $results.Outcome | Should -Be @('Failed', 'Changed')
        $rowErrors[0].FullyQualifiedErrorId | Should -BeLike 'UserNotFound*'
        $rowErrors[0].TargetObject.Email | Should -Be 'ghost@acme-sandbox.example'
    }
}
