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

Describe 'Invoke-AtlassianOffboarding' {
    BeforeAll {
        $pwshCommand = @([Environment]::ProcessPath)
        if ([IO.Path]::GetFileNameWithoutExtension([Environment]::ProcessPath) -eq 'dotnet') { $pwshCommand += Join-Path $PSHOME 'pwsh.dll' }
    }

    It 'plans every step under -WhatIf, then offboards, then a re-run is all Unchanged' {
        $leaver = Get-AtlassianGroupMember -Group developers | Select-Object -Last 1
        $plan = @($leaver | Invoke-AtlassianOffboarding -WhatIf -PassThru)
        $plan.Count | Should -Be 4
        $plan[0].Action | Should -BeIn 'Deactivate account', 'Suspend user'
        (Get-AtlassianUser -AccountId $leaver.AccountId).Status | Should -Be $leaver.Status
        $done = @($leaver | Invoke-AtlassianOffboarding -Force -PassThru)
        $done.Outcome | Should -Not -Contain 'Failed'
        @(Get-AtlassianGroupMember -Group developers | Where-Object AccountId -eq $leaver.AccountId).Count | Should -Be 0
        $again = @($leaver | Invoke-AtlassianOffboarding -Force -PassThru)
        $again.Outcome | Sort-Object -Unique | Should -Be 'Unchanged'
    }

    It 'leaves groups of the identity provider alone and says so' {
        $member = Get-AtlassianGroupMember -Group hr-synced | Select-Object -First 1
        $groups = ($member | Invoke-AtlassianOffboarding -Force -PassThru) | Where-Object Action -eq 'Remove group memberships'
        $groups.Message | Should -Match 'identity provider.*hr-synced'
        @(Get-AtlassianGroupMember -Group hr-synced | Where-Object AccountId -eq $member.AccountId).Count | Should -Be 1
    }

    It 'examples/offboard-leavers.ps1 runs end to end against the sandbox under -NonInteractive' {
        $script = [IO.Path]::Combine($PSScriptRoot, '..', '..', 'examples', 'offboard-leavers.ps1')
        $exe = $pwshCommand[0]
        $rest = @($pwshCommand | Select-Object -Skip 1)
        $output = & $exe @rest -NoProfile -NonInteractive -File $script -Sandbox -ReportFolder (Join-Path ([IO.Path]::GetTempPath()) "offboard-$PID") 2>&1
        $LASTEXITCODE | Should -Be 0 -Because ($output | Out-String)
        ($output | Out-String) | Should -Match 'Re-run: ([1-9]\d*) of \1 steps unchanged'
    }
}

Describe 'Identity-provider ownership' {
    It 'fails changes to a user the identity provider provisioned, and the rest goes on' {
        $provisioned = Get-AtlassianUser | Where-Object ManagementSource -eq 'synced' | Select-Object -First 1
        $provisioned | Should -Not -BeNullOrEmpty
        $other = Get-AtlassianUser -Status active | Where-Object { $_.ManagementSource -ne 'synced' } | Select-Object -First 1
        $results = @($provisioned, $other) | Suspend-AtlassianDirectoryUser -WhatIf -PassThru -ErrorAction SilentlyContinue -ErrorVariable errs
        $results.Outcome | Should -Be @('Failed', 'WhatIf')
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'IdentityProviderOwnedUser*'
        $errs[0].Exception.Message | Should -Match 'in the identity provider'
    }
}

Describe 'Export-AtlassianAuditEvent' {
    It 'resumes from its checkpoint after Select-Object -First without repeating or skipping events' {
        $cp = Join-Path ([IO.Path]::GetTempPath()) "audit-$PID-$([guid]::NewGuid()).json"
        $ndjson = Join-Path ([IO.Path]::GetTempPath()) "audit-$PID-$([guid]::NewGuid()).ndjson"
        try {
            $all = @(Export-AtlassianAuditEvent)
            Export-AtlassianAuditEvent -CheckpointPath $cp -AsJsonLines -PageSize 7 | Select-Object -First 10 | Add-Content $ndjson
            Export-AtlassianAuditEvent -CheckpointPath $cp -AsJsonLines -PageSize 7 | Add-Content $ndjson
            $lines = @(Get-Content $ndjson | ConvertFrom-Json)
            $lines.Count | Should -Be $all.Count
            ($lines.id | Sort-Object -Unique).Count | Should -Be $all.Count
            @(Export-AtlassianAuditEvent -CheckpointPath $cp).Count | Should -Be 0
            ($lines | Where-Object targetUserName | Select-Object -First 1).targetUserEmail | Should -Match '@'
        }
        finally { Remove-Item $cp, $ndjson -ErrorAction SilentlyContinue }
    }
}

Describe 'Smaller gaps: stats, privileges, site licences, site removal' {
    It 'counts users and groups from the stats endpoints' {
        $stats = @(Get-AtlassianDirectoryStatistic)
        ($stats | Where-Object { $_.Kind -eq 'Groups' -and $_.Name -eq 'all' }).Count | Should -Be @(Get-AtlassianGroup).Count
        ($stats | Where-Object { $_.Kind -eq 'Groups' -and $_.Name -eq 'synced' }).Count | Should -Be 1
    }

    It 'shows the identity provider as the reason a privilege is not allowed' {
        $provisioned = Get-AtlassianUser | Where-Object ManagementSource -eq 'synced' | Select-Object -First 1
        $row = $provisioned | Get-AtlassianManagedAccountPermission -Privilege lifecycle.enablement
        $row.Allowed | Should -BeFalse
        $row.Reason | Should -Be 'externalDirectory.scim'
    }

    It 'reads site licences and removes a user from the site' {
        $roles = @(Get-AtlassianSiteLicense)
        $roles.Key | Should -Contain 'jira-software'
        $holder = Get-AtlassianSiteLicense -AllUsers | Where-Object Product -eq 'jira-software' | Select-Object -Last 1
        (Remove-AtlassianSiteUser -AccountId $holder.AccountId -Force -PassThru).Outcome | Should -Be 'Changed'
        (Remove-AtlassianSiteUser -AccountId $holder.AccountId -Force -PassThru).Outcome | Should -Be 'Unchanged'
        @(Get-AtlassianSiteLicense -AccountId $holder.AccountId).Count | Should -Be 0
    }
}

Describe 'Find-AtlassianUnusedLicense' {
    BeforeAll {
        $pwshCommand = @([Environment]::ProcessPath)
        if ([IO.Path]::GetFileNameWithoutExtension([Environment]::ProcessPath) -eq 'dotnet') { $pwshCommand += Join-Path $PSHOME 'pwsh.dll' }
    }

    It 'writes a dry-run CSV whose direct rows pipe into Revoke-AtlassianUserRole -WhatIf' {
        $csv = Join-Path ([IO.Path]::GetTempPath()) "reclaim-$PID.csv"
        try {
            Find-AtlassianUnusedLicense -IncludeExcluded | Export-Csv $csv -NoTypeInformation
            $rows = @(Import-Csv $csv)
            $rows.Count | Should -BeGreaterThan 0
            ($rows | Where-Object Excluded -eq 'True').ExclusionReason | Should -Not -Contain ''
            $direct = @($rows | Where-Object { $_.Excluded -eq 'False' -and $_.Via -eq 'Direct' })
            $results = @($direct | Revoke-AtlassianUserRole -WhatIf -PassThru)
            $results.Count | Should -Be $direct.Count
            $results.Outcome | Sort-Object -Unique | Should -Be 'WhatIf'
            $summary = @(Find-AtlassianUnusedLicense -Summary)
            ($summary | Measure-Object SeatsFreed -Sum).Sum | Should -Be @($rows | Where-Object Excluded -eq 'False' | Sort-Object AccountId, ResourceId -Unique).Count
        }
        finally { Remove-Item $csv -ErrorAction SilentlyContinue }
    }

    It 'examples/reclaim-licences.ps1 runs end to end against the sandbox under -NonInteractive' {
        $script = [IO.Path]::Combine($PSScriptRoot, '..', '..', 'examples', 'reclaim-licences.ps1')
        $exe = $pwshCommand[0]
        $rest = @($pwshCommand | Select-Object -Skip 1)
        $output = & $exe @rest -NoProfile -NonInteractive -File $script -Sandbox -ReportFolder (Join-Path ([IO.Path]::GetTempPath()) "reclaim-$PID") 2>&1
        $LASTEXITCODE | Should -Be 0 -Because ($output | Out-String)
        ($output | Out-String) | Should -Match 'Applied: \d+ changed, \d+ unchanged, 0 failed'
    }
}
