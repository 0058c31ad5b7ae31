# One connection shared by parallel runspaces (ForEach-Object -Parallel, Start-ThreadJob): every row done once and
# nothing lost to the rate limit, against the Kestrel emulator with a real one. (How well the gate paces is measured by
# the fake-clock gate tests and the benchmark; a 429 count here depends on how busy the machine is.)

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'Common.psm1') -Force
    Import-Module (Get-ModuleManifestPath) -Force -ErrorAction Stop
    # As when installed: new runspaces autoload the module by name.
    $script:savedModulePath = $env:PSModulePath
    $env:PSModulePath = [IO.Path]::GetDirectoryName([IO.Path]::GetDirectoryName((Get-ModuleManifestPath))) + [IO.Path]::PathSeparator + $env:PSModulePath
    $emulator = Get-ChildItem ([IO.Path]::Combine($PSScriptRoot, '..', '..', 'src', 'AtlassianAdmin.Emulator', 'bin')) -Recurse -Filter AtlassianAdmin.Emulator.dll |
        Sort-Object LastWriteTime -Descending | Select-Object -First 1
    $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
    $listener.Start(); $port = $listener.LocalEndpoint.Port; $listener.Stop()
    $script:uri = "http://127.0.0.1:$port"
    # 40 requests/s with a burst of 10: four runspaces writing at once must go through the one connection's pacing.
    $script:server = Start-Process dotnet -PassThru -NoNewWindow -RedirectStandardOutput (Join-Path $TestDrive 'emulator.log') -ArgumentList @(
        $emulator.FullName, '--urls', $uri, '--users', '200', '--api-key', 'parallel-key', '--rate-limit', '40', '--burst', '10')
    $deadline = [DateTime]::UtcNow.AddSeconds(60)
    do {
        Start-Sleep -Milliseconds 200
        $up = try { $c = [System.Net.Sockets.TcpClient]::new(); $c.Connect('127.0.0.1', $port); $c.Dispose(); $true } catch { $false }
    } until ($up -or [DateTime]::UtcNow -gt $deadline -or $server.HasExited)
    $key = ConvertTo-SecureString 'parallel-key' -AsPlainText -Force
    $script:conn = Connect-AtlassianOrg -ApiKey $key -ApiBaseUri $uri -Name parallel -PassThru
    $script:people = @(Get-AtlassianUser -Connection $conn -Status active -First 120)
}

AfterAll {
    Disconnect-AtlassianOrg -All
    $env:PSModulePath = $savedModulePath
    if ($server -and -not $server.HasExited) { Stop-Process -Id $server.Id -Force }
    Remove-Module AtlassianAdmin -ErrorAction SilentlyContinue
}

Describe 'Parallel runspaces' {
    It 'ForEach-Object -Parallel: four runspaces on one connection add every member once' {
        New-AtlassianGroup -Connection $conn -Name 'parallel-a' | Out-Null
        $batches = 0..3 | ForEach-Object { , @($people[($_ * 15)..($_ * 15 + 14)].Email) }
        $records = $batches | ForEach-Object -ThrottleLimit 4 -Parallel {
            $_ | ForEach-Object { [pscustomobject]@{ group = 'parallel-a'; email = $_ } } |
                Add-AtlassianGroupMember -Connection $using:conn -PassThru -Verbose 4>&1
        }
        $results = @($records | Where-Object { $_ -is [AtlassianAdmin.Models.AtlassianChangeResult] })
        $results.Count | Should -Be 60
        $results.Outcome | Sort-Object -Unique | Should -Be 'Changed'
        @(Get-AtlassianGroupMember -Connection $conn -Group 'parallel-a').Count | Should -Be 60
        # Every 429 drawn was absorbed by the shared pacing and retries: none reached a row.
        @($records | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] }).Count | Should -Be 0
    }

    It 'Start-ThreadJob: jobs on the connection by name share it with the caller' {
        New-AtlassianGroup -Connection $conn -Name 'parallel-b' | Out-Null
        $jobs = 0..2 | ForEach-Object {
            $emails = @($people[(60 + $_ * 20)..(60 + $_ * 20 + 19)].Email)
            Start-ThreadJob -ArgumentList (, $emails) -ScriptBlock {
                param($emails)
                $emails | ForEach-Object { [pscustomobject]@{ group = 'parallel-b'; email = $_ } } |
                    Add-AtlassianGroupMember -Connection parallel -PassThru -Verbose 4>&1
            }
        }
        $records = $jobs | Wait-Job -Timeout 300 | Receive-Job
        $jobs | Remove-Job -Force
        $results = @($records | Where-Object { $_ -is [AtlassianAdmin.Models.AtlassianChangeResult] })
        $results.Count | Should -Be 60
        $results.Outcome | Sort-Object -Unique | Should -Be 'Changed'
        @(Get-AtlassianGroupMember -Connection $conn -Group 'parallel-b').Count | Should -Be 60
    }
}
