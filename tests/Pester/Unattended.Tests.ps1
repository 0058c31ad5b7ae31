#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# Safety questions fail closed: a child pwsh runs changes that need confirmation with each shape of stdin an unattended
# job has (one newline, end of input, an idle pipe, -NonInteractive). Nothing may be applied, nothing may hang, and each
# stop must carry its documented error id.

BeforeAll {
    $manifest = [IO.Path]::GetFullPath([IO.Path]::Combine($PSScriptRoot, '..', '..', 'out', 'AtlassianAdmin', 'AtlassianAdmin.psd1'))

    # The child runs each risky change and prints one line per outcome; the module's state never leaves the child.
    $childScript = @'
param($Manifest)
$ErrorActionPreference = 'Continue'
Import-Module $Manifest -ErrorAction Stop
Connect-AtlassianOrg -Sandbox | Out-Null
function Try-Change([string] $Name, [scriptblock] $Change) {
    try { & $Change | Out-Null; "RESULT $Name applied" }
    catch { "RESULT $Name " + ($_.FullyQualifiedErrorId -split ',')[0] }
}
$group = 'jira-software-users'
$before = @(Get-AtlassianGroupMember -Group $group).Count
$keep = @(Get-AtlassianGroupMember -Group $group)[0].Email
$row = [pscustomobject]@{ group = $group; email = $keep }
# Over the removal threshold, asked even with -Confirm:$false.
Try-Change threshold { $row | Sync-AtlassianGroupMembership -RemoveUnlisted -Confirm:$false -ErrorAction Stop }
"COUNT threshold $(@(Get-AtlassianGroupMember -Group $group).Count) of $before"
# A small removal (under the threshold) without -Confirm:$false: confirmed as ConfirmImpact High would be.
New-AtlassianGroup -Name unattended-small | Out-Null
$members = @(Get-AtlassianUser -Status active -First 3)
$members | ForEach-Object { [pscustomobject]@{ group = 'unattended-small'; email = $_.Email } } | Sync-AtlassianGroupMembership -Confirm:$false | Out-Null
Try-Change small { [pscustomobject]@{ group = 'unattended-small'; email = $members[0].Email } | Sync-AtlassianGroupMembership -RemoveUnlisted -MaxRemovalPercent 100 -ErrorAction Stop }
"COUNT small $(@(Get-AtlassianGroupMember -Group unattended-small).Count) of 3"
# An add-only plan needs no confirmation.
Try-Change addonly { [pscustomobject]@{ group = 'unattended-small'; email = (Get-AtlassianUser -Status active -Skip 10 -First 1).Email } | Sync-AtlassianGroupMembership -ErrorAction Stop }
# ConfirmImpact High without -Force.
Try-Change highimpact { Remove-AtlassianGroup -Group unattended-small -ErrorAction Stop }
"COUNT group $(@(Get-AtlassianGroup -Name unattended-small).Count)"
'@
    $scriptPath = Join-Path ([IO.Path]::GetTempPath()) "atlassian-unattended-$PID.ps1"
    Set-Content -Path $scriptPath -Value $childScript

    # Starts a child pwsh (the same one running these tests) with redirected stdin; returns its exit code and output.
    function Invoke-Child([ValidateSet('Newline', 'Eof', 'IdlePipe')] [string] $Stdin, [switch] $NonInteractive) {
        $exe = [Environment]::ProcessPath
        [string[]] $prefix = if ([IO.Path]::GetFileNameWithoutExtension($exe) -eq 'dotnet') { "$PSHOME/pwsh.dll" } else { @() }
        $psi = [Diagnostics.ProcessStartInfo]::new($exe)
        foreach ($a in $prefix + @('-NoProfile', '-NoLogo') + $(if ($NonInteractive) { '-NonInteractive' }) + @('-File', $scriptPath, $manifest)) { $psi.ArgumentList.Add($a) }
        $psi.RedirectStandardInput = $true
        $psi.RedirectStandardOutput = $true
        $psi.RedirectStandardError = $true
        $psi.UseShellExecute = $false
        $psi.Environment['POWERSHELL_TELEMETRY_OPTOUT'] = '1'
        $p = [Diagnostics.Process]::Start($psi)
        $stdout = $p.StandardOutput.ReadToEndAsync()
        $stderr = $p.StandardError.ReadToEndAsync()
        switch ($Stdin) {
            'Newline' { $p.StandardInput.Write("`n"); $p.StandardInput.Flush(); $p.StandardInput.Close() }
            'Eof' { $p.StandardInput.Close() }
            'IdlePipe' { } # kept open and never written to, until the child ends
        }
        # Guards against a hang only: a child that waits on its stdin is the failure this file looks for.
        $exited = $p.WaitForExit(120000)
        if (-not $exited) { $p.Kill($true); $p.WaitForExit() }
        if ($Stdin -eq 'IdlePipe') { try { $p.StandardInput.Close() } catch { } }
        [pscustomobject]@{ Exited = $exited; ExitCode = $p.ExitCode; Output = $stdout.Result; Errors = $stderr.Result }
    }
}

AfterAll {
    Remove-Item $scriptPath -ErrorAction SilentlyContinue
}

# Starting a child pwsh uses .NET 6+ APIs (ProcessStartInfo.ArgumentList, Environment.ProcessPath): pwsh 7 only.
Describe 'Changes that need confirmation, with nobody to answer' -Skip:($PSVersionTable.PSEdition -ne 'Core') {
    It 'fail closed with stdin <Stdin> (NonInteractive: <NonInteractive>)' -ForEach @(
        @{ Stdin = 'Newline'; NonInteractive = $false }
        @{ Stdin = 'Eof'; NonInteractive = $false }
        @{ Stdin = 'IdlePipe'; NonInteractive = $false }
        @{ Stdin = 'IdlePipe'; NonInteractive = $true }
    ) {
        $run = Invoke-Child -Stdin $Stdin -NonInteractive:$NonInteractive
        $run.Exited | Should -BeTrue -Because 'an unattended run must never wait for an answer'
        $run.Output | Should -Not -Match 'NullReferenceException|NonInteractive mode'
        $run.Errors | Should -Not -Match 'NullReferenceException|NonInteractive mode'
        $lines = $run.Output -split "`r?`n"
        $lines | Should -Contain 'RESULT threshold RemovalThresholdExceeded'
        ($lines | Where-Object { $_ -like 'COUNT threshold *' }) | Should -Match '^COUNT threshold (\d+) of \1$'
        $lines | Should -Contain 'RESULT small ConfirmationRequired'
        $lines | Should -Contain 'COUNT small 3 of 3'
        $lines | Should -Contain 'RESULT addonly applied'
        $lines | Should -Contain 'RESULT highimpact ConfirmationRequired'
        $lines | Should -Contain 'COUNT group 1'
        $run.ExitCode | Should -Be 0
    }
}

Describe 'examples/nightly-access-sync.ps1 -Sandbox' -Skip:($PSVersionTable.PSEdition -ne 'Core') {
    It 'demonstrates the removal threshold and exits 0 with stdin at end of input' {
        $exe = [Environment]::ProcessPath
        [string[]] $prefix = if ([IO.Path]::GetFileNameWithoutExtension($exe) -eq 'dotnet') { "$PSHOME/pwsh.dll" } else { @() }
        $psi = [Diagnostics.ProcessStartInfo]::new($exe)
        $example = [IO.Path]::GetFullPath([IO.Path]::Combine($PSScriptRoot, '..', '..', 'examples', 'nightly-access-sync.ps1'))
        $reports = Join-Path ([IO.Path]::GetTempPath()) "atlassian-nightly-$PID"
        foreach ($a in $prefix + @('-NoProfile', '-File', $example, '-Sandbox', '-ReportFolder', $reports)) { $psi.ArgumentList.Add($a) }
        $psi.RedirectStandardInput = $true
        $psi.RedirectStandardOutput = $true
        $psi.RedirectStandardError = $true
        $psi.UseShellExecute = $false
        $psi.Environment['POWERSHELL_TELEMETRY_OPTOUT'] = '1'
        $p = [Diagnostics.Process]::Start($psi)
        $p.StandardInput.Close()
        $stdout = $p.StandardOutput.ReadToEndAsync()
        $stderr = $p.StandardError.ReadToEndAsync()
        $exited = $p.WaitForExit(120000)
        if (-not $exited) { $p.Kill($true) }
        $exited | Should -BeTrue
        $text = $stdout.Result + $stderr.Result
        $p.ExitCode | Should -Be 0 -Because $text
        $text | Should -Match 'Skipped groups'
        $text | Should -Match 'RemovalThresholdExceeded|-MaxRemovals'
        $text | Should -Match 'Applied roles'
        Remove-Item $reports -Recurse -ErrorAction SilentlyContinue
    }
}
