# Import-Csv | cmdlet -PassThru | Export-Csv, as runbooks do it: files on disk in, a complete report on disk out, one
# report row per input row in input order, and a re-run of the same file that changes nothing.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'Common.psm1') -Force
    Import-Module (Get-ModuleManifestPath) -Force -ErrorAction Stop
    Connect-AtlassianOrg -Sandbox -SandboxUserCount 80

    # Runs rows through a cmdlet the way a runbook does and reads the report back from disk.
    function Invoke-CsvJob([string] $Rows, [scriptblock] $Job) {
        $in = Join-Path $TestDrive ([guid]::NewGuid().ToString('N') + '.csv')
        $out = Join-Path $TestDrive ([guid]::NewGuid().ToString('N') + '-report.csv')
        Set-Content -Path $in -Value $Rows
        Import-Csv $in | & $Job | Export-Csv -Path $out -NoTypeInformation
        @(Import-Csv $out)
    }
}

AfterAll {
    Disconnect-AtlassianOrg -All
    Remove-Module AtlassianAdmin -ErrorAction SilentlyContinue
}

Describe 'CSV round trips' {
    It 'onboarding: group,email rows into Add-AtlassianGroupMember, bad rows in the report too' {
        New-AtlassianGroup -Name 'csv-onboarding' | Out-Null
        $people = @(Get-AtlassianUser -Status active -Skip 10 -First 3)
        $csv = @('group,email') + ($people | ForEach-Object { "csv-onboarding,$($_.Email)" }) + 'csv-onboarding,nobody@acme-sandbox.example'
        $report = Invoke-CsvJob ($csv -join "`n") { $input | Add-AtlassianGroupMember -PassThru -ErrorAction SilentlyContinue }
        $report.Count | Should -Be 4
        $report.Outcome | Should -Be @('Changed', 'Changed', 'Changed', 'Failed')
        $report[0].Email | Should -Be $people[0].Email
        $report[3].ErrorId | Should -Be 'UserNotFound'
        $report.Index | Should -Be @('1', '2', '3', '4')

        $again = Invoke-CsvJob ($csv -join "`n") { $input | Add-AtlassianGroupMember -PassThru -ErrorAction SilentlyContinue }
        $again.Outcome | Should -Be @('Unchanged', 'Unchanged', 'Unchanged', 'Failed')
        @(Get-AtlassianGroupMember -Group 'csv-onboarding').Count | Should -Be 3
    }

    It 'offboarding: leavers by email into Suspend-AtlassianDirectoryUser, then restored from the report' {
        $leavers = @(Get-AtlassianUser -Status active -Skip 20 -First 3)
        $csv = @('email') + $leavers.Email
        $report = Invoke-CsvJob ($csv -join "`n") { $input | Suspend-AtlassianDirectoryUser -Force -PassThru }
        $report.Outcome | Should -Be @('Changed', 'Changed', 'Changed')
        $report.AccountId | Should -Be $leavers.AccountId
        ($leavers | Get-AtlassianUser).Status | Should -Be @('suspended', 'suspended', 'suspended')

        # The report itself is valid input: its AccountId column binds by name.
        $reportCsv = (Invoke-CsvJob ($csv -join "`n") { $input | Suspend-AtlassianDirectoryUser -Force -PassThru } | ConvertTo-Csv -NoTypeInformation) -join "`n"
        $restored = Invoke-CsvJob $reportCsv { $input | Restore-AtlassianDirectoryUser -PassThru }
        $restored.Outcome | Should -Be @('Changed', 'Changed', 'Changed')
    }

    It 'project roles: project,role,email rows into Grant-AtlassianProjectRole' {
        $site = @(Get-AtlassianUser -Site -First 40 | Where-Object Active | Select-Object -Skip 20 -First 2)
        $csv = @('project,role,email') + ($site | ForEach-Object { "OPS,Developers,$($_.Email)" }) + 'NOPE,Developers,x@acme-sandbox.example'
        $report = Invoke-CsvJob ($csv -join "`n") { $input | Grant-AtlassianProjectRole -PassThru -ErrorAction SilentlyContinue }
        $report.Count | Should -Be 3
        $report[0..1].Outcome | Should -Be @('Changed', 'Changed')
        $report[2].Outcome | Should -Be 'Failed'
        $report[2].ErrorId | Should -Not -BeNullOrEmpty
        (Get-AtlassianProjectRole -Project OPS -Role Developers).Actors | Out-String | Should -Match ([regex]::Escape($site[0].DisplayName))
    }

    It 'sync: the plan and the applied changes are both complete CSV reports' {
        New-AtlassianGroup -Name 'csv-sync' | Out-Null
        $want = @(Get-AtlassianUser -Status active -Skip 30 -First 3)
        $csv = (@('group,email') + ($want | ForEach-Object { "csv-sync,$($_.Email)" })) -join "`n"
        $plan = Invoke-CsvJob $csv { $input | Compare-AtlassianGroupMembership }
        $plan.Action | Should -Be @('Add', 'Add', 'Add')
        $applied = Invoke-CsvJob $csv { $input | Sync-AtlassianGroupMembership -Confirm:$false -PassThru }
        $applied.Outcome | Should -Be @('Changed', 'Changed', 'Changed')
        @(Invoke-CsvJob $csv { $input | Compare-AtlassianGroupMembership }).Count | Should -Be 0
    }
}
