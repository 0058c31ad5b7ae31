# Every runbook in examples/ end to end, as a scheduler runs it: a fresh `pwsh -NonInteractive -File`, no input, the
# sandbox, exit code 0, nothing on the error stream, and the outputs that runbook promises.

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
        'nightly-access-sync.ps1' = @('Group plan: \d+ to add', 'Role plan: \d+ to add', 'Applied groups: \d+ changed')
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
        $stderr | Should -BeNullOrEmpty
        foreach ($promise in @($promises[$Name])) {
            if ($promise) { $text | Should -Match $promise }
        }
    }
}
