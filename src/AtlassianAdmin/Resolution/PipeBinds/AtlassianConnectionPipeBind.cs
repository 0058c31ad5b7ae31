using AtlassianAdmin.Connection;

namespace AtlassianAdmin.Resolution
{
    /// <summary>Lets <c>-Connection</c> take a connection object or its name.</summary>
    public sealed class AtlassianConnectionPipeBind
    {
        public AtlassianConnectionPipeBind(AtlassianConnection connection) => Connection = connection;
        public AtlassianConnectionPipeBind(string name) => Name = name;

        public AtlassianConnection Connection { get; }
        public string Name { get; }

        public AtlassianConnection Resolve() => Connection ?? AtlassianSession.Find(Name);
        public override string ToString() => Connection?.Name ?? Name;
    }
}
