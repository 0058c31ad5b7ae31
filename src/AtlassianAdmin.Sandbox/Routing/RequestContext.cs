using System;
using System.Collections.Generic;
using System.Text.Json;
using AtlassianAdmin.Sandbox.Http;

namespace AtlassianAdmin.Sandbox.Routing
{
    /// <summary>Everything a route handler needs about one request.</summary>
    internal sealed class RequestContext
    {
        private JsonElement? _body;
        private bool _bodyParsed;

        public RequestContext(SandboxStore store, Uri uri, string method, Route route, Dictionary<string, string> values, byte[] body)
        {
            Store = store;
            Uri = uri;
            Method = method;
            Route = route;
            Values = values;
            RawBody = body;
            Query = ParamBag.FromQuery(uri.Query);
        }

        public SandboxStore Store { get; }
        public SandboxOptions Options => Store.Options;
        public Uri Uri { get; }
        public string Method { get; }
        public Route Route { get; }
        public Dictionary<string, string> Values { get; }
        public ParamBag Query { get; }
        public byte[] RawBody { get; }
        public bool IsJira => Route.Family == ApiFamily.Jira;
        /// <summary>Account id of the caller: the API key owner (org API) or the Basic-auth user (Jira); null when anonymous.</summary>
        public string CallerAccountId { get; set; }

        /// <summary>"https://host" of the request, for Jira self links and v1 next links.</summary>
        public string Origin => Uri.GetLeftPart(UriPartial.Authority);

        public string this[string routeValue] => Values.TryGetValue(routeValue, out var v) ? v : null;

        /// <summary>The parsed JSON body, or null if there is none. Malformed JSON gives the family's 400.</summary>
        public JsonElement? Body
        {
            get
            {
                if (_bodyParsed) return _body;
                _bodyParsed = true;
                if (RawBody == null || RawBody.Length == 0 || IsWhitespace(RawBody)) return null;
                try
                {
                    using (var doc = JsonDocument.Parse(RawBody)) _body = doc.RootElement.Clone();
                }
                catch (JsonException e)
                {
                    throw IsJira
                        ? JiraErrors.BadRequest("Unexpected character in request body: " + e.Message)
                        : AdminErrors.BadRequest("The request body is not valid JSON: " + e.Message);
                }
                return _body;
            }
        }

        /// <summary>The body as a JSON object; a missing or non-object body gives the family's 400.</summary>
        public JsonElement BodyObject()
        {
            var b = Body;
            if (b == null || b.Value.ValueKind != JsonValueKind.Object)
                throw BadRequest("A JSON object request body is required.");
            return b.Value;
        }

        /// <summary>Body fields as parameters (empty when there is no body).</summary>
        public ParamBag BodyParams()
        {
            var b = Body;
            if (b == null) return new ParamBag();
            if (b.Value.ValueKind != JsonValueKind.Object) throw BadRequest("A JSON object request body is required.");
            return ParamBag.FromJson(b.Value);
        }

        public SandboxApiException BadRequest(string message) => IsJira ? JiraErrors.BadRequest(message) : AdminErrors.BadRequest(message);

        public int? Int(ParamBag bag, string name)
        {
            if (!bag.TryInt(name, out var v)) throw BadRequest("Parameter '" + name + "' must be an integer.");
            return v;
        }

        public bool? Bool(ParamBag bag, string name)
        {
            if (!bag.TryBool(name, out var v)) throw BadRequest("Parameter '" + name + "' must be true or false.");
            return v;
        }

        private static bool IsWhitespace(byte[] bytes)
        {
            foreach (var b in bytes) if (b != ' ' && b != '\n' && b != '\r' && b != '\t') return false;
            return true;
        }
    }
}
