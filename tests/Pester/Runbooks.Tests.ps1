# Every runbook in examples/ end to end, as a scheduler runs it: a fresh `pwsh -NonInteractive -File`, no input, the
# sandbox, exit code 0, no error but the ones the runbook demonstrates on purpose, and the outputs it promises.

BeforeDiscovery {
    $runbooks = Get-ChildItem ([IO.Path]::Combine($PSScriptRoot, '..', '..', 'examples')) -Filter *.ps1 |
        ForEach-Object { @{ Name = $_.Name; Path = $_.FullName } }
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'Common.psm1') -Force
    # What each runbook must say besides exiting 0 (runbooks not listed here are held to exit code and error stream).
    $script:promises = @{
        'demo.ps1'                = @('Users: \d+; suspended: \d+', 'Failed rows: 1 \(UserNotFound\)', 'Demo finished')
        'access-requests.ps1'     = @('== Re-running is harmless', 'Done')
        'offboard-leavers.ps1'    = @('Offboarded [1-9]\d* leaver\(s\): [1-9]\d* step\(s\) changed, \d+ already done, 0 failed', 'Re-run: ([1-9]\d*) of \1 steps unchanged')
        'reclaim-licences.ps1'    = @('\d+ seat\(s\) to take back', 'Applied: \d+ changed, \d+ unchanged, 0 failed')
        # The sandbox export is built to trip the removal threshold: the group sync is skipped, the role sync applied.
        'nightly-access-sync.ps1' = @('Group plan: \d+ to add, \d+ to remove, 1 malformed rows', 'Skipped groups \(RemovalThresholdExceeded\), nothing changed',
                                      'Applied roles: \d+ changed, 0 failed')
    }
    # Errors a runbook shows on purpose (a malformed row in its sample input); any other error fails the test.
    $script:expectedErrors = @{
        'nightly-access-sync.ps1' = 'Row \d+ has an empty email and no accountId'
    }
    # pwsh -File writes each error as a block that starts with "<command>: <script>:<line>".
    function Split-ErrorBlock([string] $Text) {
        if (-not $Text) { return }
        [regex]::Split($Text.Trim(), '(?m)^(?=\S[^\r\n]*: [^\r\n]*\.ps1:\d+\s*$)') | Where-Object { $_.Trim() }
    }
}

Describe 'Runbook <Name>' -ForEach $runbooks {
    It 'runs unattended against the sandbox, exits 0 and says what it did' {
        $arguments = @('-File', $Path)
        $parameters = (Get-Command $Path).Parameters.Keys
        if ('Sandbox' -in $parameters) { $arguments += '-Sandbox' }
        if ('ReportFolder' -in $parameters) { $arguments += @('-ReportFolder', (Join-Path $TestDrive 'reports')) }
        $errFile = Join-Path $TestDrive "$Name.err"
        $lines = Invoke-ChildPwsh -ArgumentList $arguments -InputText '' 2> $errFile
        $code = $LASTEXITCODE
        $text = $lines -join "`n"
        $stderr = if (Test-Path $errFile) { Get-Content -Raw $errFile } else { '' }
        $code | Should -Be 0 -Because "$Name must succeed unattended:`n$text`n$stderr"
        $unexpected = @(Split-ErrorBlock $stderr | Where-Object { -not $expectedErrors[$Name] -or $_ -notmatch $expectedErrors[$Name] })
        $unexpected | Should -BeNullOrEmpty -Because "$Name shows no unexpected error"
        foreach ($promise in @($promises[$Name])) {
            if ($promise) { $text | Should -Match $promise }
        }
    }
}
