using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using AtlassianAdmin.Sandbox;
using Xunit;

namespace AtlassianAdmin.Module.Tests
{
    /// <summary>
    /// Issue 14: piping one object type into a cmdlet for another type does the natural thing or is refused clearly; it
    /// never reads the object's own id (a group's, workspace's, directory's, project's, request's, token's...) as an id
    /// of another kind. One real object of each output type users pipe, into every cmdlet that takes pipeline input
    /// (found by reflection), with -WhatIf where the cmdlet changes state. One emulator serves the org, the Jira site and
    /// SCIM (12 users); the emulator's request log (paths and bodies), the errors, the output and $AtlassianChangeReport are
    /// searched for the object's ids. The natural pairs asserted as successes are listed in <see cref="NaturalPairs"/>.
    /// </summary>
    public class CrossTypePipingTests
    {
        /// <summary>A producer: the script that makes one real object ($p), its type, and its own ids with their kind.</summary>
        private sealed class Producer
        {
            public string Type;
            public string Script;
            public (string Property, string Kind)[] Ids;
            /// <summary>What the object stands for when piped: a user-carrying object (a request, a token, a result) is a user too.</summary>
            public string[] Kinds;
        }

        private static readonly Producer[] Producers =
        {
            new Producer { Type = "AtlassianUser", Kinds = new[] { "user" }, Script = "Get-AtlassianUser -First 1", Ids = new[] { ("AccountId", "user") } },
            new Producer { Type = "JiraUser", Kinds = new[] { "user" }, Script = "Get-AtlassianUser -Site -First 1", Ids = new[] { ("AccountId", "user") } },
            new Producer { Type = "AtlassianGroup", Kinds = new[] { "group" }, Script = "Get-AtlassianGroup -First 1", Ids = new[] { ("Id", "group") } },
            new Producer { Type = "JiraGroup", Kinds = new[] { "group" }, Script = "Get-AtlassianGroup -Site -First 1", Ids = new[] { ("GroupId", "group") } },
            new Producer { Type = "AtlassianWorkspace", Kinds = new[] { "workspace" }, Script = "Get-AtlassianWorkspace -First 1", Ids = new[] { ("Id", "workspace") } },
            new Producer { Type = "AtlassianDirectory", Kinds = new[] { "directory" }, Script = "Get-AtlassianDirectory -First 1", Ids = new[] { ("DirectoryId", "directory") } },
            new Producer { Type = "AtlassianDomain", Kinds = new[] { "domain" }, Script = "Get-AtlassianDomain -First 1", Ids = new[] { ("Id", "domain") } },
            new Producer { Type = "JiraProject", Kinds = new[] { "project" }, Script = "Get-AtlassianProject -Key ACME", Ids = new[] { ("Key", "project"), ("Id", "project") } },
            new Producer { Type = "JiraProjectRole", Kinds = new[] { "project" }, Script = "Get-AtlassianProjectRole -Project ACME -First 1", Ids = new[] { ("ProjectKey", "project") } },
            new Producer { Type = "JiraAccessRequest", Kinds = new[] { "access-request", "user", "project" }, Script = "Get-AtlassianUser -Site -First 1 | Request-AtlassianProjectAccess -Project ACME -Role Developers",
                Ids = new[] { ("Key", "access-request"), ("IssueId", "access-request") } },
            new Producer { Type = "AtlassianChangeResult", Kinds = new[] { "user" }, Script = "Get-AtlassianUser -First 1 | Add-AtlassianGroupMember -Group (Get-AtlassianGroup -First 1) -WhatIf -PassThru",
                Ids = new[] { ("Resource", "group") } },
            new Producer { Type = "AtlassianApiToken", Kinds = new[] { "token", "user" }, Script = "Get-AtlassianApiToken -First 1", Ids = new[] { ("TokenId", "token") } },
            new Producer { Type = "AtlassianUserRole", Kinds = new[] { "user", "workspace" }, Script = "Get-AtlassianUser -First 10 | Get-AtlassianUserRole -First 1", Ids = new[] { ("ResourceId", "workspace") } },
            new Producer { Type = "AtlassianGroupRoleAssignment", Kinds = new[] { "group", "workspace" }, Script = "Get-AtlassianGroup | Get-AtlassianGroupRole -First 1", Ids = new[] { ("GroupId", "group"), ("ResourceId", "workspace") } },
            new Producer { Type = "AtlassianScimUser", Kinds = new[] { "scim-user", "user" }, Script = "Get-AtlassianScimUser -First 1", Ids = new[] { ("Id", "scim-user") } },
        };

        private const string ScimKey = "cross-type-scim-key-3e1f";

        [Fact]
        public async Task Every_output_type_piped_into_every_pipeline_cmdlet_is_natural_or_refused_and_never_misread()
        {
            var options = new SandboxOptions { UserCount = 12, ScimApiKey = ScimKey };
            options.ApiKey = ConnectedSession.Key;
            await using var server = await AtlassianAdmin.Emulator.EmulatorServer.StartAsync(options);
            var store = server.Handler.Store;
            foreach (var u in store.Users().Skip(1).Take(2)) store.SetManagementSource(u.AccountId, "synced"); // SCIM users
            using var ps = new PsHarness();
            var cred = new PSCredential(options.JiraEmail, PsHarness.Secure(options.JiraApiToken));
            var connect = ps.Run("Connect-AtlassianOrg -ApiKey $key -ApiBaseUri $uri -SiteUrl $uri -Credential $cred -ScimApiKey $scim -RequestProject ACCESS",
                new Dictionary<string, object> { ["key"] = PsHarness.Secure(ConnectedSession.Key), ["uri"] = server.BaseAddress, ["cred"] = cred, ["scim"] = PsHarness.Secure(ScimKey) });
            Assert.False(connect.HadErrors, connect.ErrorText);
            var stats = server.Handler.Stats;
            stats.KeepRequestLog = true;

            var consumers = Consumers(ps);
            var failures = new List<string>();
            ps.Run("$made = @{}");
            var pairs = 0;
            foreach (var producer in Producers)
            {
                var made = ps.Run("$p = @(" + producer.Script + ")[0]; $made['" + producer.Type + "'] = $p; $p");
                Assert.False(made.HadErrors, producer.Type + ": " + made.ErrorText);
                var p = Assert.Single(made.Output);
                Assert.True(p != null, producer.Type + ": the producer wrote nothing");
                Assert.Equal(producer.Type, p.BaseObject.GetType().Name);
                // A change result names its group "group <name>": the name is what another cmdlet could misread.
                var ids = producer.Ids.Select(i => (Value: p.Properties[i.Property]?.Value?.ToString(), i.Kind))
                    .Select(i => (Value: i.Value != null && i.Value.StartsWith("group ", StringComparison.Ordinal) ? i.Value.Substring(6) : i.Value, i.Kind))
                    .Where(i => !string.IsNullOrEmpty(i.Value)).ToList();
                Assert.True(ids.Count == producer.Ids.Length, producer.Type + " lacks an id: " + Text(p));
                foreach (var c in consumers)
                {
                    pairs++;
                    var pair = producer.Type + " | " + c.Name;
                    stats.Reset();
                    var r = ps.Run("$global:AtlassianChangeReport = $null; $p | " + c.Name + (c.WhatIf ? " -WhatIf" : "") + " -ErrorAction Continue");
                    var log = stats.RequestLog();
                    // A Failed item's Target is how the engine names the input it refused; what else the report holds was planned.
                    var report = ps.Run("$global:AtlassianChangeReport").Output.Where(o => o != null && o.Properties["Outcome"]?.Value?.ToString() != "Failed").ToList();
                    var errors = r.Errors.Concat(r.Terminating == null ? Array.Empty<ErrorRecord>() : new[] { r.Terminating.ErrorRecord }).ToList();
                    var natural = c.Kinds.Overlaps(producer.Kinds);
                    // Not about this kind of object: success (a read that ignores it) or a clear refusal, never a lookup or a planned change.
                    if (!natural)
                    {
                        foreach (var e in errors.Where(e => !Refusals.Any(id => e.FullyQualifiedErrorId.StartsWith(id + ",", StringComparison.Ordinal) || e.FullyQualifiedErrorId == id)))
                            failures.Add($"{pair}: {e.FullyQualifiedErrorId}: {Message(e)}");
                        if (errors.Count == 0 && c.WhatIf)
                            failures.Add($"{pair}: planned a change for an object it is not about: {string.Join("; ", report.Select(o => o.ToString()))}");
                    }
                    // About this kind: a refusal, or a lookup of what it names that finds nothing (a user not pushed by SCIM).
                    else foreach (var e in errors.Where(e => !Refusals.Concat(Lookups).Any(id => e.FullyQualifiedErrorId.StartsWith(id + ",", StringComparison.Ordinal) || e.FullyQualifiedErrorId == id)))
                        failures.Add($"{pair}: {e.FullyQualifiedErrorId}: {Message(e)}");
                    foreach (var (value, kind) in ids.Where(i => !c.Kinds.Contains(i.Kind)))
                    {
                        var word = new Regex("(?<![A-Za-z0-9])" + Regex.Escape(value) + "(?![A-Za-z0-9])");
                        var where = log.Where(l => word.IsMatch(l)).Select(l => "request " + l)
                            .Concat(errors.Where(e => word.IsMatch(Message(e))).Select(e => "error " + e.FullyQualifiedErrorId + ": " + Message(e)))
                            .Concat(r.Output.Concat(report).Where(o => o != null && word.IsMatch(Text(o))).Select(o => "output " + o))
                            .ToList();
                        if (where.Count > 0) failures.Add($"{pair}: its {kind} id '{value}' was read as something else, in {where.First()}");
                    }
                }
            }
            Assert.True(consumers.Count > 40 && pairs == Producers.Length * consumers.Count, $"{consumers.Count} consumers, {pairs} pairs");
            foreach (var (means, script) in NaturalPairs)
            {
                var r = ps.Run(script);
                if (r.HadErrors || r.Output.Count != 1 || !(r.Output[0]?.BaseObject is bool ok) || !ok)
                    failures.Add($"natural pair: {means}: {(r.HadErrors ? r.ErrorText : "not so")}");
            }
            Assert.True(failures.Count == 0, $"{failures.Count} findings in {pairs} pairs and {NaturalPairs.Length} natural pairs:\n" + string.Join("\n", failures));
        }

        /// <summary>The natural pairs, asserted as successes: each script writes $true when the pair does what it says
        /// ($made holds the matrix's producer objects).</summary>
        private static readonly (string Means, string Script)[] NaturalPairs =
        {
            ("AtlassianGroup | Get-AtlassianUser lists the group's members",
                "$m = [string[]]@(Get-AtlassianGroupMember -Group $made.AtlassianGroup).AccountId; $r = [string[]]@($made.AtlassianGroup | Get-AtlassianUser).AccountId; [Array]::Sort($m); [Array]::Sort($r); $r.Count -gt 0 -and ($r -join ',') -eq ($m -join ',')"),
            ("JiraGroup | Get-AtlassianUser lists the site group's members",
                "$m = [string[]]@(Get-AtlassianGroupMember -Site -Group $made.JiraGroup).AccountId; $r = [string[]]@($made.JiraGroup | Get-AtlassianUser).AccountId; [Array]::Sort($m); [Array]::Sort($r); $r.Count -gt 0 -and ($r -join ',') -eq ($m -join ',')"),
            ("AtlassianUser | Add-AtlassianGroupMember -Group x adds the user",
                "$r = @($made.AtlassianUser | Add-AtlassianGroupMember -Group $made.AtlassianGroup -WhatIf -PassThru); $r.Count -eq 1 -and $r[0].AccountId -eq $made.AtlassianUser.AccountId -and $r[0].Outcome -in 'WhatIf', 'Unchanged'"),
            ("AtlassianUser | Get-AtlassianGroup lists the user's groups",
                "$r = @($made.AtlassianUser | Get-AtlassianGroup); $r.Count -gt 0 -and @($r | Where-Object { $_.GetType().Name -ne 'AtlassianGroup' }).Count -eq 0"),
            ("JiraAccessRequest | Get-AtlassianProject gets the request's project (its Key is an issue key)",
                "$r = @($made.JiraAccessRequest | Get-AtlassianProject); $r.Count -eq 1 -and $r[0].Key -eq $made.JiraAccessRequest.Project"),
            ("JiraAccessRequest | Get-AtlassianAccessRequest reads the request again",
                "$r = @($made.JiraAccessRequest | Get-AtlassianAccessRequest); $r.Count -eq 1 -and $r[0].Key -eq $made.JiraAccessRequest.Key"),
            ("JiraAccessRequest | Approve-AtlassianAccessRequest decides the request",
                "$r = @($made.JiraAccessRequest | Approve-AtlassianAccessRequest -WhatIf -PassThru); $r.Count -eq 1 -and $r[0].Outcome -eq 'WhatIf' -and $r[0].Target -like ($made.JiraAccessRequest.Key + '*')"),
            ("JiraProject | Get-AtlassianProjectRole lists the project's roles",
                "$r = @($made.JiraProject | Get-AtlassianProjectRole); $r.Count -gt 0 -and @($r | Where-Object ProjectKey -ne $made.JiraProject.Key).Count -eq 0"),
            ("AtlassianApiToken | Revoke-AtlassianApiToken revokes that token",
                "$r = @($made.AtlassianApiToken | Revoke-AtlassianApiToken -WhatIf -PassThru); $r.Count -eq 1 -and $r[0].Outcome -eq 'WhatIf' -and $r[0].Resource -like ('*' + $made.AtlassianApiToken.TokenId + '*')"),
            ("AtlassianScimUser | Revoke-AtlassianApiToken stands for its user (its SCIM Id is no token id)",
                "$r = @($made.AtlassianScimUser | Revoke-AtlassianApiToken -WhatIf -PassThru); $r.Count -eq 1 -and $r[0].Resource -notlike ('*' + $made.AtlassianScimUser.Id + '*')"),
            ("AtlassianUserRole | Revoke-AtlassianUserRole revokes that role",
                "$r = @($made.AtlassianUserRole | Revoke-AtlassianUserRole -WhatIf -PassThru); $r.Count -eq 1 -and $r[0].Outcome -in 'WhatIf', 'Unchanged' -and $r[0].AccountId -eq $made.AtlassianUserRole.AccountId"),
            ("AtlassianDomain | Get-AtlassianDomain reads the domain again",
                "$r = @($made.AtlassianDomain | Get-AtlassianDomain); $r.Count -eq 1 -and $r[0].Id -eq $made.AtlassianDomain.Id"),
            ("AtlassianScimUser | Get-AtlassianScimUser reads the SCIM user again",
                "$r = @($made.AtlassianScimUser | Get-AtlassianScimUser); $r.Count -eq 1 -and $r[0].Id -eq $made.AtlassianScimUser.Id"),
        };

        /// <summary>Clear refusals: the input lacks what the cmdlet needs, is of another type, or PowerShell cannot bind it.</summary>
        private static readonly string[] Refusals =
        {
            "UserIdentityMissing", "GroupMissing", "GroupNameMissing", "ProjectMissing", "RoleMissing", "EmailMissing", "RequestKeyMissing",
            "InputObjectWrongType", "InputObjectNotBound", "InputObjectMissingMandatory", "ParameterArgumentValidationErrorNullNotAllowed",
        };

        /// <summary>What a cmdlet may answer about an object of its own kind: it is not there, or its state forbids the change.</summary>
        private static readonly string[] Lookups = { "ScimUserNotFound", "ScimGroupNotFound", "GroupAlreadyExists", "IdentityProviderOwnedUser", "NothingToSet" };

        private static string Message(ErrorRecord e) => (e.ErrorDetails?.Message ?? "") + " " + e.Exception?.Message;

        private static string Text(PSObject o) =>
            o.ToString() + " " + string.Join(" ", o.Properties.Select(x => { try { return x.Value?.ToString() ?? ""; } catch { return ""; } }));

        private sealed class Consumer
        {
            public string Name;
            public bool WhatIf;
            public HashSet<string> Kinds;
        }

        /// <summary>Every module cmdlet with a parameter bound from the pipeline, and the kinds of object it is about
        /// (from its parameters and noun): ids of those kinds may show in its requests, errors and output.</summary>
        private static List<Consumer> Consumers(PsHarness ps)
        {
            var list = new List<Consumer>();
            foreach (var o in ps.Run("Get-Command -Module AtlassianAdmin -CommandType Cmdlet").Output)
            {
                var cmd = (CmdletInfo)o.BaseObject;
                var piped = cmd.Parameters.Values.Where(m => m.ParameterSets.Values.Any(s => s.ValueFromPipeline || s.ValueFromPipelineByPropertyName)).Select(m => m.Name).ToList();
                if (piped.Count == 0) continue;
                var attr = (CmdletAttribute)Attribute.GetCustomAttribute(cmd.ImplementingType, typeof(CmdletAttribute));
                var kinds = new HashSet<string>();
                var names = new HashSet<string>(cmd.Parameters.Keys, StringComparer.OrdinalIgnoreCase);
                if (names.Contains("AccountId") || names.Contains("Email")) kinds.Add("user");
                if (names.Contains("Group")) kinds.Add("group");
                if (names.Contains("Workspace")) kinds.Add("workspace");
                if (names.Contains("DirectoryId")) kinds.Add("directory");
                if (names.Contains("Project")) kinds.Add("project");
                if (names.Contains("TokenId")) kinds.Add("token");
                var noun = cmd.Noun.Substring("Atlassian".Length);
                if (noun.StartsWith("Group") || noun == "User") kinds.Add("group"); // Get-AtlassianUser: a group stands for its members
                if (noun.StartsWith("Project")) kinds.Add("project");
                if (noun == "AccessRequest" || noun == "ProjectAccess") kinds.Add("access-request");
                if (noun == "Domain") kinds.Add("domain");
                if (noun == "Offboarding") kinds.UnionWith(new[] { "workspace", "group" }); // it removes the user's roles and group memberships
                if (noun == "ScimUser") kinds.Add("scim-user");
                if (noun == "ScimGroup") kinds.Add("group");
                if (noun == "ApiToken") kinds.Add("token");
                list.Add(new Consumer { Name = cmd.Name, WhatIf = attr.SupportsShouldProcess, Kinds = kinds });
            }
            return list;
        }
    }
}
