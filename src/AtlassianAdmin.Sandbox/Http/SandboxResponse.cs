using System;
using System.Collections.Generic;

namespace AtlassianAdmin.Sandbox.Http
{
    /// <summary>A response before it becomes an HttpResponseMessage. Body is serialized with <see cref="Json"/>.</summary>
    internal sealed class SandboxResponse
    {
        public int Status;
        public object Body;
        public byte[] RawBody;
        public readonly List<KeyValuePair<string, string>> Headers = new List<KeyValuePair<string, string>>();

        public static SandboxResponse Ok(object body) => new SandboxResponse { Status = 200, Body = body };
        public static SandboxResponse Created(object body) => new SandboxResponse { Status = 201, Body = body };
        public static SandboxResponse NoContent() => new SandboxResponse { Status = 204 };
        public static SandboxResponse WithStatus(int status, object body) => new SandboxResponse { Status = status, Body = body };

        public SandboxResponse Header(string name, string value)
        {
            Headers.Add(new KeyValuePair<string, string>(name, value));
            return this;
        }
    }

    /// <summary>Thrown anywhere inside a route handler to answer with an error response.</summary>
    internal sealed class SandboxApiException : Exception
    {
        public SandboxApiException(SandboxResponse response) : base("HTTP " + response.Status) { Response = response; }
        public SandboxResponse Response { get; }
    }
}
