# Default views as the console renders them: every table fits 80 and 120 columns, no header wraps onto a second line,
# and the key columns (name, email, outcome) stay readable.
BeforeDiscovery {
    $script:widths = @(80, 120)
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'Common.psm1') -Force
    Import-Module (Get-ModuleManifestPath) -Force -ErrorAction Stop
    $connection = Connect-AtlassianOrg -Sandbox -SandboxUserCount 40 -PassThru
    $group = Get-AtlassianGroup -Name 'jira-software-users'
    $users = @(Get-AtlassianUser -First 3)
    $planGroup = New-AtlassianGroup -Name 'format-plan' -IfExists Return
    # One sample of every type with a table view, read from the sandbox like a user would.
    $script:samples = [ordered]@{
        Connection      = $connection
        Organization    = Get-AtlassianOrganization
        Domain          = Get-AtlassianDomain
        Directory       = Get-AtlassianDirectory
        User            = $users
        Workspace       = Get-AtlassianWorkspace
        Group           = Get-AtlassianGroup -First 3
        GroupRole       = Get-AtlassianGroupRole -Group $group
        JiraUser        = Get-AtlassianUser -Site -First 3
        JiraGroup       = Get-AtlassianGroup -Site -First 3
        JiraProject     = Get-AtlassianProject
        JiraProjectRole = Get-AtlassianProjectRole ACME
        ProductAccess   = Get-AtlassianProductAccess | Select-Object -First 3
        LicenseSummary  = Get-AtlassianLicenseSummary
        AuditEvent      = Get-AtlassianAuditEvent -First 3
        UserRole        = $users[0] | Get-AtlassianUserRole
        ManagedAccount  = $users[0] | Get-AtlassianManagedAccount
        ScimUser        = Get-AtlassianScimUser
        ScimGroup       = Get-AtlassianScimGroup
        Change          = $users | Add-AtlassianGroupMember -Group $group -WhatIf -PassThru 6>$null
        GroupPlan       = [pscustomobject]@{ group = $planGroup.Name; email = $users[2].Email } | Compare-AtlassianGroupMembership
        ApiToken        = Get-AtlassianApiToken | Select-Object -First 3
        Privilege       = $users[0] | Get-AtlassianManagedAccountPermission
        DirectoryStat   = Get-AtlassianDirectoryStatistic
        SiteLicense     = Get-AtlassianSiteLicense
        Invitation      = New-AtlassianInvitation -Email 'format.invite@partner.example' -Group developers
        UnusedLicense   = Find-AtlassianUnusedLicense | Select-Object -First 3
        UnusedSummary   = Find-AtlassianUnusedLicense -Summary
        Offboarding     = $users[1] | Invoke-AtlassianOffboarding -WhatIf -PassThru 6>$null
    }

    # Renders like Out-Default at that width and returns the lines.
    function Render($InputObject, [int] $Width) { @($InputObject | Out-String -Width $Width -Stream) }
    # The header is one line: above the dash line comes the header, above that a blank line (or nothing).
    function Test-OneLineHeader([string[]] $Lines) {
        $dash = [array]::FindIndex($Lines, [Predicate[string]] { param($l) $l -match '^\s*-+(\s+-+)*\s*$' })
        $dash -ge 1 -and ($dash -eq 1 -or [string]::IsNullOrWhiteSpace($Lines[$dash - 2]))
    }
}

AfterAll {
    Disconnect-AtlassianOrg -All
    Remove-Module AtlassianAdmin -ErrorAction SilentlyContinue
}

Describe 'Table views at <_> columns' -ForEach $widths {
    BeforeAll { $width = $_ }

    It 'every sample type has data to render' {
        foreach ($name in $samples.Keys) { @($samples[$name]).Count | Should -BeGreaterThan 0 -Because "$name needs a sample" }
    }

    It 'no line is wider than the console and no header wraps' {
        foreach ($name in $samples.Keys) {
            $lines = Render $samples[$name] $width
            $lines | Where-Object { $_.Length -gt $width } | Should -BeNullOrEmpty -Because "$name fits $width columns"
            Test-OneLineHeader $lines | Should -BeTrue -Because "$name has a one-line header at $width columns:`n$($lines -join "`n")"
        }
    }

    It 'keeps names, emails and outcomes readable' {
        $users = Render $samples.User $width
        $users[1] | Should -Match '^Name\s+Email\s+Status'
        $first = @($samples.User)[0]
        ($users -join "`n") | Should -Match ([regex]::Escape($first.Email))
        ($users -join "`n") | Should -Match ([regex]::Escape($first.DisplayName))

        $change = Render $samples.Change $width
        ($change -join "`n") | Should -Match '\bOutcome\b.*\bTarget\b.*\bMessage\b'
        ($change -join "`n") | Should -Match 'WhatIf|Unchanged'

        $access = Render $samples.ProductAccess $width
        ($access -join "`n") | Should -Match '\bUser\b.*\bProduct\b.*\bStatus\b.*\bLastActive\b'
    }
}

Describe 'The console itself' {
    It 'renders default output within 80 columns in a fresh pwsh whose output is redirected' {
        $script = "Connect-AtlassianOrg -Sandbox | Out-Null; Get-AtlassianUser -First 3; Get-AtlassianGroup -First 3 | Out-Host"
        $lines = Invoke-ChildPwsh -ArgumentList '-Command', $script
        $LASTEXITCODE | Should -Be 0
        $lines | Where-Object { $_.Length -gt 80 } | Should -BeNullOrEmpty
        Test-OneLineHeader $lines | Should -BeTrue
        ($lines -join "`n") | Should -Match 'Name\s+Email\s+Status'
    }
}
