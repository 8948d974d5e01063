using System.Reflection;
using Xunit.Abstractions;

[assembly: TestCollectionOrderer("ReviewMeetings.Web.Tests.Infrastructure.LongestFirst", "ReviewMeetings.Web.Tests")]

namespace ReviewMeetings.Web.Tests.Infrastructure;

/// <summary>
/// Starts the test classes that take longest first (browser classes, then the other classes by their number of tests),
/// so the run does not end with one long class working alone while the other threads have nothing left.
/// </summary>
public sealed class LongestFirst : ITestCollectionOrderer
{
    private static readonly Assembly Tests = typeof(LongestFirst).Assembly;

    public IEnumerable<ITestCollection> OrderTestCollections(IEnumerable<ITestCollection> testCollections) =>
        testCollections
            .Select(collection => (Collection: collection, Class: ClassOf(collection)))
            .OrderByDescending(c => c.Class is not null && typeof(Browser.BrowserTest).IsAssignableFrom(c.Class))
            .ThenByDescending(c => c.Class?.GetMethods().Count(m => m.GetCustomAttributes<FactAttribute>().Any()) ?? 0)
            .ThenBy(c => c.Collection.DisplayName, StringComparer.Ordinal)
            .Select(c => c.Collection);

    // A class without [Collection] is its own collection, named "Test collection for <full class name>".
    private static Type? ClassOf(ITestCollection collection)
    {
        const string Prefix = "Test collection for ";
        return collection.DisplayName.StartsWith(Prefix, StringComparison.Ordinal)
            ? Tests.GetType(collection.DisplayName[Prefix.Length..])
            : null;
    }
}
