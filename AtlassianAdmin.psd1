#
# Module manifest for AtlassianAdmin. This is the template: the build writes the real one to out/AtlassianAdmin,
# replacing {{ModuleVersion}} with <Version> from Directory.Build.props (the one source of the version).
#
@{
    RootModule           = 'AtlassianAdmin.dll'
    ModuleVersion        = '{{ModuleVersion}}'
    CompatiblePSEditions = @('Desktop', 'Core')
    GUID                 = '5f0c1a7e-9b3d-4c2e-8a61-2d7f4e9b0c13'
    Author               = 'AtlassianAdmin contributors'
    CompanyName          = 'AtlassianAdmin'
    Copyright            = '(c) AtlassianAdmin contributors. MIT License.'
    Description          = 'Manage Atlassian Cloud organizations and Jira sites from PowerShell: users, groups, product access, project roles, access requests and audit, with an offline sandbox.'
    PowerShellVersion    = '5.1'
    DotNetFrameworkVersion = '4.7.2'
    # No RequiredAssemblies/NestedModules: they would load before the module's dependency loader is ready.
    FormatsToProcess     = @(
        'Formats/Core.Format.ps1xml'
        'Formats/Changes.Format.ps1xml'
        'Formats/Groups.Format.ps1xml'
        'Formats/Reports.Format.ps1xml'
        'Formats/Users.Format.ps1xml'
        'Formats/Jira.Format.ps1xml'
        'Formats/Leavers.Format.ps1xml'
        'Formats/Scim.Format.ps1xml'
    )
    FunctionsToExport    = @()
    CmdletsToExport      = @(
        'Approve-AtlassianAccessRequest'
        'Complete-AtlassianAccessRequest'
        'Connect-AtlassianOrg'
        'Deny-AtlassianAccessRequest'
        'Disconnect-AtlassianOrg'
        'Get-AtlassianAccessRequest'
        'Get-AtlassianConnection'
        'Get-AtlassianDirectory'
        'Get-AtlassianDomain'
        'Get-AtlassianOrganization'
        'Get-AtlassianProject'
        'Get-AtlassianProjectRole'
        'Get-AtlassianUser'
        'Get-AtlassianUserCount'
        'Get-AtlassianWorkspace'
        'Grant-AtlassianProjectRole'
        'New-AtlassianUser'
        'Remove-AtlassianDirectoryUser'
        'Request-AtlassianProjectAccess'
        'Restore-AtlassianDirectoryUser'
        'Revoke-AtlassianProjectRole'
        'Suspend-AtlassianDirectoryUser'
        'Get-AtlassianGroup'
        'Get-AtlassianGroupCount'
        'New-AtlassianGroup'
        'Remove-AtlassianGroup'
        'Get-AtlassianGroupMember'
        'Add-AtlassianGroupMember'
        'Remove-AtlassianGroupMember'
        'Get-AtlassianGroupRole'
        'Grant-AtlassianGroupRole'
        'Revoke-AtlassianGroupRole'
        'Get-AtlassianProductAccess'
        'Get-AtlassianLicenseSummary'
        'Get-AtlassianAuditEvent'
        'Compare-AtlassianGroupMembership'
        'Sync-AtlassianGroupMembership'
        'Compare-AtlassianProjectRole'
        'Sync-AtlassianProjectRole'
        'New-AtlassianInvitation'
        'Get-AtlassianUserRole'
        'Grant-AtlassianUserRole'
        'Revoke-AtlassianUserRole'
        'Get-AtlassianManagedAccount'
        'Set-AtlassianManagedAccount'
        'Disable-AtlassianManagedAccount'
        'Enable-AtlassianManagedAccount'
        'Remove-AtlassianManagedAccount'
        'Get-AtlassianApiToken'
        'Get-AtlassianScimUser'
        'Get-AtlassianScimGroup'
        'Revoke-AtlassianApiToken'
        'Invoke-AtlassianOffboarding'
        'Export-AtlassianAuditEvent'
        'Get-AtlassianAuditEventAction'
        'Remove-AtlassianSiteUser'
        'Get-AtlassianSiteLicense'
        'Get-AtlassianDirectoryStatistic'
        'Get-AtlassianManagedAccountPermission'
        'Find-AtlassianUnusedLicense'
    )
    VariablesToExport    = @()
    AliasesToExport      = @()
    PrivateData          = @{
        PSData = @{
            Tags         = @('Atlassian', 'Jira', 'Confluence', 'Admin', 'Cloud', 'Identity', 'PSEdition_Core', 'PSEdition_Desktop', 'Windows', 'Linux', 'MacOS')
            LicenseUri   = 'https://github.com/atlassianadmin/AtlassianAdmin/blob/main/LICENSE'
            ProjectUri   = 'https://github.com/atlassianadmin/AtlassianAdmin'
            ReleaseNotes = 'See https://github.com/atlassianadmin/AtlassianAdmin/blob/main/CHANGELOG.md'
        }
    }
}
