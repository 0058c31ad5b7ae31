using System;
using System.Threading.Tasks;

namespace AtlassianAdmin.Module.Tests
{
    /// <summary>Waiting on an event instead of on time: the timeout only guards against a hang, it is never the assertion.</summary>
    internal static class Eventually
    {
        public static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(60);

        public static async Task Until(Func<bool> condition, string what)
        {
            var deadline = DateTime.UtcNow + HangGuard;
            while (!condition())
            {
                if (DateTime.UtcNow > deadline) throw new TimeoutException("gave up waiting: " + what);
                await Task.Delay(10);
            }
        }

        /// <summary>Runs a blocking call (PowerShell.Stop) and fails the test if it does not return before the guard.</summary>
        public static void Returns(Action action, string what)
        {
            var task = Task.Run(action);
            if (!task.Wait(HangGuard)) throw new TimeoutException(what + " did not return");
        }
    }
}
