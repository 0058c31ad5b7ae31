using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using Xunit;
using Xunit.Abstractions;

namespace AtlassianAdmin.Module.Tests
{
    /// <summary>
    /// Every pipeline-capable cmdlet, fed a good row, an oversized row (10,000 characters where an identifier goes) and a
    /// malformed one ("." where an identifier goes): the bad rows are one non-terminating error each, with a stable id, a
    /// real category and the row as TargetObject; the good row still goes through; nothing terminates.
    /// </summary>
    public class RowErrorTests : IDisposable
    {
        private static readonly string Huge = new string('a', 10_000);
        private readonly PsHarness _ps = new PsHarness();
        private readonly ITestOutputHelper _out;

        public RowErrorTests(ITestOutputHelper output)
        {
            _out = output;
            var r = _ps.Run("Connect-AtlassianOrg -Sandbox | Out-Null; New-AtlassianGroup -Name row-errors | Out-Null; " +
                            "$global:req = Request-AtlassianProjectAccess -Project ACME -Role Developers -Email @(Get-AtlassianUser -Site -First 12)[11].Email -Confirm:$false");
            Assert.False(r.HadErrors, r.ErrorText);
        }

        public void Dispose() => _ps.Dispose();

        /// <summary>(command, the column that varies, its good value, the other columns of every row).</summary>
        public static IEnumerable<object[]> Cases()
        {
            const string email = "$good.Email";
            object[] C(string command, string column, string good, params string[] others) => new object[] { command, column, good, others };
            // Users (org directory and Jira site).
            yield return C("Get-AtlassianUser", "email", email);
            yield return C("Get-AtlassianUser -Site", "email", email);
            yield return C("Get-AtlassianUser", "accountId", "$good.AccountId");
            yield return C("Get-AtlassianUser -Site", "accountId", "$good.AccountId");
            yield return C("Get-AtlassianUserRole", "email", email);
            yield return C("Suspend-AtlassianDirectoryUser -WhatIf", "email", email);
            yield return C("Restore-AtlassianDirectoryUser -WhatIf", "email", email);
            yield return C("Remove-AtlassianDirectoryUser -WhatIf", "email", email);
            yield return C("Grant-AtlassianUserRole -Workspace acme-sandbox -Product jira -Role atlassian/user -WhatIf", "email", email);
            yield return C("Revoke-AtlassianUserRole -Workspace acme-sandbox -Product jira -Role atlassian/user -WhatIf", "email", email);
            yield return C("Set-AtlassianManagedAccount -JobTitle x -WhatIf", "email", email);
            yield return C("Disable-AtlassianManagedAccount -WhatIf", "email", email);
            yield return C("Enable-AtlassianManagedAccount -WhatIf", "email", email);
            yield return C("Remove-AtlassianManagedAccount -WhatIf", "email", email);
            yield return C("Get-AtlassianManagedAccount", "email", email);
            yield return C("New-AtlassianInvitation -Workspace acme-sandbox -Product jira -Role user -WhatIf", "email", "'new.person@example.com'");
            yield return C("New-AtlassianUser -WhatIf", "email", "'new.site.person@example.com'");
            // Groups (org and site).
            yield return C("Add-AtlassianGroupMember -WhatIf", "email", email, "group=row-errors");
            yield return C("Remove-AtlassianGroupMember -WhatIf", "email", email, "group=row-errors");
            yield return C("Add-AtlassianGroupMember -WhatIf", "group", "'row-errors'", "email=" + "GOOD");
            yield return C("Get-AtlassianGroupMember", "group", "'row-errors'");
            yield return C("Get-AtlassianGroupMember -Site", "group", "'jira-software-users'");
            yield return C("Get-AtlassianGroup", "groupId", "(Get-AtlassianGroup -Name row-errors).GroupId");
            yield return C("Get-AtlassianGroup -Site", "groupId", "(Get-AtlassianGroup -Site -Name jira-software-users).GroupId");
            yield return C("Remove-AtlassianGroup -WhatIf", "group", "'row-errors'");
            yield return C("Get-AtlassianGroupRole", "group", "'row-errors'");
            yield return C("Grant-AtlassianGroupRole -Workspace acme-sandbox -Product jira -Role atlassian/user -WhatIf", "group", "'row-errors'");
            yield return C("Revoke-AtlassianGroupRole -Workspace acme-sandbox -Product jira -Role atlassian/user -WhatIf", "group", "'row-errors'");
            // Jira projects, roles and access requests.
            yield return C("Get-AtlassianProject", "key", "'ACME'");
            yield return C("Get-AtlassianProjectRole", "project", "'ACME'");
            yield return C("Grant-AtlassianProjectRole -Role Developers -WhatIf", "project", "'ACME'", "email=GOOD");
            yield return C("Revoke-AtlassianProjectRole -Role Developers -WhatIf", "project", "'ACME'", "email=GOOD");
            yield return C("Request-AtlassianProjectAccess -Role Developers -WhatIf", "project", "'ACME'", "email=GOOD");
            yield return C("Get-AtlassianAccessRequest", "key", "$req.Key");
            yield return C("Approve-AtlassianAccessRequest -WhatIf", "key", "$req.Key");
            yield return C("Deny-AtlassianAccessRequest -WhatIf", "key", "$req.Key");
            yield return C("Complete-AtlassianAccessRequest -WhatIf", "key", "$req.Key");
        }

        [Theory]
        [MemberData(nameof(Cases))]
        public void Good_oversized_and_malformed_rows_each_get_their_own_outcome(string command, string column, string good, string[] others)
        {
            var rowsScript =
                "$good = @(Get-AtlassianUser -Site -First 3)[2]; " +
                "$goodValue = " + good + "; " +
                "$rows = foreach ($v in @($goodValue, $huge, '.')) { $o = [ordered]@{ " + column + " = $v }; " +
                string.Concat(others.Select(o => { var kv = o.Split('='); var value = kv[1] == "GOOD" ? "$good.Email" : "'" + kv[1] + "'"; return $"$o['{kv[0]}'] = {value}; "; })) +
                "[pscustomobject]$o }; ";
            // A role held only through a group cannot be revoked on the user (RoleHeldThroughGroup): give the good row a
            // direct grant to revoke.
            var setup = command.StartsWith("Revoke-AtlassianUserRole", StringComparison.Ordinal)
                ? "$good | Grant-AtlassianUserRole -Workspace acme-sandbox -Product jira -Role atlassian/user | Out-Null; "
                : "";
            var r = _ps.Run(rowsScript + setup + "$rows | " + command + " -ErrorAction Continue", new Dictionary<string, object> { ["huge"] = Huge });
            _out.WriteLine(r.ErrorText);
            Assert.Null(r.Terminating);
            var rows = _ps.Run(rowsScript + "$rows", new Dictionary<string, object> { ["huge"] = Huge });

            foreach (var (bad, label) in new[] { (1, "oversized"), (2, "malformed") })
            {
                var errors = r.Errors.Where(e => TargetValue(e, column) is string v && string.Equals(v, Value(rows.Output[bad], column), StringComparison.OrdinalIgnoreCase)).ToList();
                Assert.True(errors.Count == 1, $"{label} row: {errors.Count} errors. All: {r.ErrorText}");
                var error = errors[0];
                Assert.NotEqual(ErrorCategory.NotSpecified, error.CategoryInfo.Category);
                var id = error.FullyQualifiedErrorId.Split(',')[0];
                Assert.DoesNotContain(id, new[] { "AtlassianApiException", "ArgumentException", "NullReferenceException", "InvalidOperationException", "ApiError", "MethodNotAllowed" });
                Assert.True(error.Exception.Message.Length < 2_000, $"{label} row: the message repeats the whole value");
            }
            // The good row is not among the failures.
            Assert.DoesNotContain(r.Errors, e => TargetValue(e, column) is string v && string.Equals(v, Value(rows.Output[0], column), StringComparison.OrdinalIgnoreCase));
        }

        private static string Value(PSObject row, string column) => row.Properties[column].Value?.ToString();

        /// <summary>The varying value of the row an error names (its TargetObject must be the row, or that value).</summary>
        private static object TargetValue(ErrorRecord e, string column)
        {
            var target = e.TargetObject is PSObject p ? p : e.TargetObject == null ? null : PSObject.AsPSObject(e.TargetObject);
            if (target == null) return null;
            if (target.BaseObject is string s) return s;
            return target.Properties[column]?.Value?.ToString();
        }
    }
}
