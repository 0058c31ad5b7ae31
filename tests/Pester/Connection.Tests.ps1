#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# Connecting: sandbox, errors, SecretManagement vault, environment variables.

BeforeAll {
    $manifest = [IO.Path]::Combine($PSScriptRoot, '..', '..', 'out', 'AtlassianAdmin', 'AtlassianAdmin.psd1')
    Import-Module $manifest -Force -ErrorAction Stop
}

AfterAll {
    Disconnect-AtlassianOrg -All
    Remove-Module AtlassianAdmin -ErrorAction SilentlyContinue
}

Describe 'Connect-AtlassianOrg' {
    AfterEach { Disconnect-AtlassianOrg -All }

    It 'connects to the sandbox without a key and becomes the default' {
        $c = Connect-AtlassianOrg -Sandbox -PassThru
        $c.Name | Should -Be 'default'
        $c.IsSandbox | Should -BeTrue
        $c.IsDefault | Should -BeTrue
        @(Get-AtlassianUser).Count | Should -Be 40
    }

    It 'tells you to connect first' {
        { Get-AtlassianUser -ErrorAction Stop } | Should -Throw -ErrorId 'NotConnected*'
    }

    It 'keeps named connections side by side' {
        Connect-AtlassianOrg -Sandbox -Name orgA -SandboxUserCount 5
        Connect-AtlassianOrg -Sandbox -Name orgB -SandboxUserCount 9
        @(Get-AtlassianUser -Connection orgA).Count | Should -Be 5
        @(Get-AtlassianUser).Count | Should -Be 9
        (Get-AtlassianConnection).Name | Should -Be 'orgB'
    }

    It 'shows no secret on the connection object' {
        $c = Connect-AtlassianOrg -Sandbox -PassThru
        $c.PSObject.Properties.Name | Where-Object { $_ -match 'Key|Token|Secret|Password' } | Should -BeNullOrEmpty
    }
}

Describe 'Connect-AtlassianOrg -VaultName' {
    BeforeAll {
        $savedPath = $env:PSModulePath
        $fake = Join-Path $TestDrive 'Modules/Microsoft.PowerShell.SecretManagement'
        New-Item -ItemType Directory -Path $fake -Force | Out-Null
        Set-Content -Path (Join-Path $fake 'Microsoft.PowerShell.SecretManagement.psm1') -Value @'
function Get-SecretVault { [CmdletBinding()] param([string[]] $Name) [pscustomobject]@{ Name = 'TestVault'; ModuleName = 'Fake'; IsDefault = $true } }
function Get-Secret {
    [CmdletBinding()] param([Parameter(Position = 0, Mandatory)] [string] $Name, [string] $Vault, [switch] $AsPlainText)
    if ($Name -eq 'bytes') { return , [byte[]] (1, 2, 3) }
    $e = [System.Management.Automation.ItemNotFoundException]::new("The secret $Name was not found.")
    $PSCmdlet.WriteError([System.Management.Automation.ErrorRecord]::new($e, 'GetSecretNotFound', 'ObjectNotFound', $Name))
}
Export-ModuleMember -Function Get-Secret, Get-SecretVault
'@
    }
    AfterEach {
        $env:PSModulePath = $savedPath
        Remove-Module Microsoft.PowerShell.SecretManagement -ErrorAction SilentlyContinue
    }

    It 'says SecretManagement is not installed when it is not' {
        $env:PSModulePath = Join-Path $TestDrive 'Empty'
        Remove-Module Microsoft.PowerShell.SecretManagement -ErrorAction SilentlyContinue
        { Connect-AtlassianOrg -VaultName TestVault -SecretName key -ErrorAction Stop } | Should -Throw -ErrorId 'SecretManagementNotInstalled*'
    }

    It 'has distinct errors for an unknown vault, an unknown secret and an unusable secret' {
        $env:PSModulePath = Join-Path $TestDrive 'Modules'
        { Connect-AtlassianOrg -VaultName NoSuchVault -SecretName key -ErrorAction Stop } | Should -Throw -ErrorId 'SecretVaultNotFound*'
        { Connect-AtlassianOrg -VaultName TestVault -SecretName missing -ErrorAction Stop } | Should -Throw -ErrorId 'SecretNotFound*'
        { Connect-AtlassianOrg -VaultName TestVault -SecretName bytes -ErrorAction Stop } | Should -Throw -ErrorId 'UnsupportedSecretType*'
    }
}

Describe 'Connect-AtlassianOrg -FromEnvironment' {
    BeforeAll { $saved = $env:ATLASSIAN_API_KEY }
    AfterAll { $env:ATLASSIAN_API_KEY = $saved }

    It 'names the missing variable' {
        $env:ATLASSIAN_API_KEY = $null
        { Connect-AtlassianOrg -FromEnvironment -ErrorAction Stop } | Should -Throw -ErrorId 'EnvironmentApiKeyMissing*'
    }
}
