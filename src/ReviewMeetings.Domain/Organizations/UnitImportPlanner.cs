using System.Globalization;
using System.Text.RegularExpressions;

namespace ReviewMeetings.Domain.Organizations;

/// <summary>
/// The rules of a unit import (批量导入), pure: given the rows of a file and the stored subtree, decides for every
/// row whether it creates, updates, moves or leaves a unit unchanged, or why it cannot be imported (row, column and
/// a Chinese reason). A row is matched to a stored unit by its 党组织代码 when it has one, else by its full path of names.
/// A parent may be named by its full name (unique in the file or the subtree) or by its path
/// (中共江州市委员会/中共清河区委员会), and may be a row further down the file.
/// </summary>
public static partial class UnitImportPlanner
{
    public const int MaxRows = 20_000;

    public const string PathSeparator = "/";

    private const string AccountPattern = "^[A-Za-z0-9._@-]{2,50}$";

    public static UnitImportPlan Plan(IReadOnlyList<UnitImportRow> rows, UnitImportContext context)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(context);
        return new Planning(rows, context).Run();
    }

    /// <summary>Mainland mobile (1[3-9] and nine digits) or a landline of digits and "-" (7 to 20 characters).</summary>
    public static bool IsValidPhone(string phone)
    {
        ArgumentNullException.ThrowIfNull(phone);
        // A number of digits only that starts with 1 can only be a mobile number.
        return phone.StartsWith('1') && phone.All(char.IsAsciiDigit)
            ? MobilePhone().IsMatch(phone)
            : Landline().IsMatch(phone) && phone.Count(char.IsAsciiDigit) >= 7;
    }

    public static OrganizationType? ParseType(string text) =>
        Enum.GetValues<OrganizationType>().Cast<OrganizationType?>().FirstOrDefault(t => t!.Value.ChineseName() == text);

    public static OrganizationCategory? ParseCategory(string text) =>
        Enum.GetValues<OrganizationCategory>().Cast<OrganizationCategory?>().FirstOrDefault(c => c!.Value.ChineseName() == text);

    [GeneratedRegex("^1[3-9][0-9]{9}$")]
    private static partial Regex MobilePhone();

    [GeneratedRegex("^[0-9][0-9-]{5,18}[0-9]$")]
    private static partial Regex Landline();

    private sealed class RowState(UnitImportRow row)
    {
        public UnitImportRow Row { get; } = row;

        public List<UnitImportProblem> Problems { get; } = [];

        public string Name { get; set; } = "";

        public string? Code { get; set; }

        public OrganizationType Type { get; set; }

        public OrganizationCategory Category { get; set; }

        public int? SortOrder { get; set; }

        public PlannedSecretary? Secretary { get; set; }

        public string? Account { get; set; }

        public ExistingUnit? Match { get; set; }

        /// <summary>Resolved parent: a stored unit, a row of the file, or the scope root's own parent (outside).</summary>
        public ExistingUnit? ParentUnit { get; set; }

        public RowState? ParentRowState { get; set; }

        public bool ParentOutside { get; set; }

        public bool Resolved { get; set; }

        public bool Failed { get; set; }

        public string FullPath { get; set; } = "";

        public int Number => Row.RowNumber;

        public void Fail(string column, string reason) => Problems.Add(new UnitImportProblem(Number, column, reason));
    }

    private sealed class Planning(IReadOnlyList<UnitImportRow> input, UnitImportContext context)
    {
        private readonly List<RowState> _rows = input.Select(r => new RowState(r)).ToList();
        private readonly Dictionary<Guid, ExistingUnit> _units = context.Units.ToDictionary(u => u.Id);
        private readonly Dictionary<Guid, string> _paths = [];
        private readonly string _outsidePath = string.Join(PathSeparator, context.AncestorNames);

        public UnitImportPlan Run()
        {
            foreach (var unit in context.Units)
            {
                _paths[unit.Id] = PathOf(unit);
            }

            foreach (var row in _rows)
            {
                ReadFields(row);
            }

            MatchCodes();
            ResolveParents();
            CheckFinalTree();
            CheckAccounts();
            return new UnitImportPlan(ApplyOrder().Select(Describe).ToList());
        }

        private string PathOf(ExistingUnit unit)
        {
            if (_paths.TryGetValue(unit.Id, out var known))
            {
                return known;
            }

            var parentPath = unit.Id == context.ScopeRootId || unit.ParentId is not { } parentId || !_units.TryGetValue(parentId, out var parent)
                ? _outsidePath
                : PathOf(parent);
            var path = parentPath.Length == 0 ? unit.Name : parentPath + PathSeparator + unit.Name;
            _paths[unit.Id] = path;
            return path;
        }

        private static void ReadFields(RowState row)
        {
            foreach (var problem in row.Row.CellProblems)
            {
                row.Problems.Add(problem);
            }

            var cells = row.Row;
            row.Name = cells[UnitImportColumns.Name];
            if (row.Name.Length == 0)
            {
                row.Fail(UnitImportColumns.Name, "必填项为空：请填写党组织名称。");
            }
            else if (row.Name.Length > Organization.NameMaxLength)
            {
                row.Fail(UnitImportColumns.Name, $"党组织名称过长：不能超过{Organization.NameMaxLength}个字（现有{row.Name.Length}个字）。");
            }
            else if (row.Name.Contains(PathSeparator, StringComparison.Ordinal))
            {
                row.Fail(UnitImportColumns.Name, "党组织名称不能包含“/”（“/”用于分隔上级党组织的路径）。");
            }

            var code = cells[UnitImportColumns.Code];
            if (code.Length > 0)
            {
                if (code.Length > Organization.CodeMaxLength || !code.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
                {
                    row.Fail(UnitImportColumns.Code, $"党组织代码只能包含字母、数字和“-_.”，且不超过{Organization.CodeMaxLength}个字符。");
                }
                else
                {
                    row.Code = code.ToUpperInvariant();
                }
            }

            var type = cells[UnitImportColumns.Type];
            if (type.Length == 0)
            {
                row.Fail(UnitImportColumns.Type, "必填项为空：请填写组织类型。");
            }
            else if (ParseType(type) is { } parsedType)
            {
                row.Type = parsedType;
            }
            else
            {
                row.Fail(UnitImportColumns.Type, $"未知的组织类型“{type}”，应为：{string.Join("、", Enum.GetValues<OrganizationType>().Select(t => t.ChineseName()))}。");
            }

            var category = cells[UnitImportColumns.Category];
            if (category.Length == 0)
            {
                row.Fail(UnitImportColumns.Category, "必填项为空：请填写所属领域。");
            }
            else if (ParseCategory(category) is { } parsedCategory)
            {
                row.Category = parsedCategory;
            }
            else
            {
                row.Fail(UnitImportColumns.Category, $"未知的所属领域“{category}”，应为：{string.Join("、", Enum.GetValues<OrganizationCategory>().Select(c => c.ChineseName()))}。");
            }

            var sortOrder = cells[UnitImportColumns.SortOrder];
            if (sortOrder.Length > 0)
            {
                if (int.TryParse(sortOrder, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number <= Organization.MaxSortOrder)
                {
                    row.SortOrder = number;
                }
                else
                {
                    row.Fail(UnitImportColumns.SortOrder, $"排序号应为0到{Organization.MaxSortOrder}之间的整数。");
                }
            }

            ReadSecretary(row);
        }

        private static void ReadSecretary(RowState row)
        {
            var cells = row.Row;
            var name = cells[UnitImportColumns.SecretaryName];
            var title = cells[UnitImportColumns.SecretaryTitle];
            var phone = cells[UnitImportColumns.SecretaryPhone];
            var account = cells[UnitImportColumns.Account];
            if (name.Length == 0)
            {
                if (title.Length > 0 || phone.Length > 0 || account.Length > 0)
                {
                    row.Fail(UnitImportColumns.SecretaryName, "填写了书记职务、手机号或登录账号，但未填写书记姓名。");
                }

                return;
            }

            var valid = true;
            if (name.Length > Secretary.NameMaxLength)
            {
                row.Fail(UnitImportColumns.SecretaryName, $"书记姓名过长：不能超过{Secretary.NameMaxLength}个字。");
                valid = false;
            }

            if (title.Length > Secretary.TitleMaxLength)
            {
                row.Fail(UnitImportColumns.SecretaryTitle, $"书记职务过长：不能超过{Secretary.TitleMaxLength}个字。");
                valid = false;
            }

            if (phone.Length > 0 && !IsValidPhone(phone))
            {
                row.Fail(UnitImportColumns.SecretaryPhone, $"手机号“{phone}”格式不正确：应为11位手机号（1开头）或由数字和“-”组成的固定电话。");
                valid = false;
            }

            if (account.Length > 0)
            {
                if (Regex.IsMatch(account, AccountPattern))
                {
                    row.Account = account;
                }
                else
                {
                    row.Fail(UnitImportColumns.Account, "登录账号只能包含英文字母、数字和“._-@”，长度2到50个字符。");
                    valid = false;
                }
            }

            if (valid)
            {
                row.Secretary = new PlannedSecretary(name, title.Length == 0 ? null : title, phone.Length == 0 ? null : phone);
            }
        }

        private void MatchCodes()
        {
            var byCode = new Dictionary<string, ExistingUnit>(StringComparer.OrdinalIgnoreCase);
            foreach (var unit in context.Units.Where(u => u.Code is not null))
            {
                byCode.TryAdd(unit.Code!, unit);
            }

            var seen = new Dictionary<string, RowState>(StringComparer.OrdinalIgnoreCase);
            foreach (var row in _rows.Where(r => r.Code is not null))
            {
                if (seen.TryGetValue(row.Code!, out var first))
                {
                    row.Fail(UnitImportColumns.Code, $"党组织代码“{row.Code}”与第{first.Number}行重复。");
                    continue;
                }

                seen[row.Code!] = row;
                if (byCode.TryGetValue(row.Code!, out var unit))
                {
                    row.Match = unit;
                }
                else if (context.CodesOutsideScope.Contains(row.Code!))
                {
                    row.Fail(UnitImportColumns.Code, $"党组织代码“{row.Code}”已被您管理范围以外的党组织使用。");
                }
            }
        }

        private void ResolveParents()
        {
            var pending = _rows.Where(r => r.Name.Length > 0 && !r.Name.Contains(PathSeparator, StringComparison.Ordinal)).ToList();
            foreach (var row in _rows.Except(pending))
            {
                row.Failed = true;
            }

            bool progress;
            do
            {
                progress = false;
                foreach (var row in pending.ToList())
                {
                    switch (TryResolve(row))
                    {
                        case Resolution.Resolved:
                            row.Resolved = true;
                            break;
                        case Resolution.Failed:
                            row.Failed = true;
                            break;
                        default:
                            continue;
                    }

                    pending.Remove(row);
                    progress = true;
                }
            }
            while (progress && pending.Count > 0);

            foreach (var row in pending)
            {
                row.Failed = true;
                var cycle = CycleThrough(row, pending);
                row.Fail(UnitImportColumns.Parent, cycle is null
                    ? $"上级党组织“{row.Row[UnitImportColumns.Parent]}”不存在或不在您的管理范围内。"
                    : $"上级关系形成循环（第{string.Join("、", cycle)}行互为上级）。");
            }
        }

        private enum Resolution
        {
            Waiting,
            Resolved,
            Failed,
        }

        private Resolution TryResolve(RowState row)
        {
            var text = row.Row[UnitImportColumns.Parent];
            var root = _units[context.ScopeRootId];
            // A new installation's root (made by AdminBootstrap) has no code yet: the file's root row may give it one.
            var isScopeRoot = row.Match?.Id == root.Id || (row.Match is null && (row.Code is null || root.Code is null) && row.Name == root.Name);
            if (text.Length == 0 || (_outsidePath.Length > 0 && (text == _outsidePath || text == context.AncestorNames[^1])))
            {
                if (isScopeRoot && (text.Length == 0) == (_outsidePath.Length == 0))
                {
                    row.Match = root;
                    row.ParentOutside = true;
                    row.FullPath = _paths[root.Id][..^root.Name.Length] + row.Name;
                    return Resolution.Resolved;
                }

                row.Fail(UnitImportColumns.Parent, text.Length == 0 ? "必填项为空：请填写上级党组织。" : $"上级党组织“{text}”不在您的管理范围内。");
                return Resolution.Failed;
            }

            if (row.Match?.Id == root.Id)
            {
                row.Fail(UnitImportColumns.Parent, "不能移动您管理范围最上级的党组织。");
                return Resolution.Failed;
            }

            var (found, wait, problem) = text.Contains(PathSeparator, StringComparison.Ordinal) ? FindByPath(row, text) : FindByName(row, text);
            if (wait)
            {
                return Resolution.Waiting;
            }

            if (problem is not null || found is null)
            {
                row.Fail(UnitImportColumns.Parent, problem ?? $"上级党组织“{text}”不存在或不在您的管理范围内。");
                return Resolution.Failed;
            }

            if (found.Value.Row is { } parentRow)
            {
                if (parentRow.Failed)
                {
                    row.Fail(UnitImportColumns.Parent, $"上级党组织（第{parentRow.Number}行）有错误。");
                    return Resolution.Failed;
                }

                if (!parentRow.Resolved)
                {
                    return Resolution.Waiting;
                }

                if (parentRow.Match is { } stored)
                {
                    row.ParentUnit = stored;
                }
                else
                {
                    row.ParentRowState = parentRow;
                }
            }
            else
            {
                row.ParentUnit = found.Value.Unit;
            }

            var parentPath = row.ParentRowState?.FullPath ?? Final(row.ParentUnit!);
            row.FullPath = parentPath + PathSeparator + row.Name;
            if (row.Match is null && row.Code is null && row.ParentUnit is { } parentUnit)
            {
                row.Match = context.Units.FirstOrDefault(u => u.ParentId == parentUnit.Id && u.Name == row.Name && !ClaimedByCode(u));
            }

            return Resolution.Resolved;
        }

        /// <summary>The path a stored unit will have: its row's path when the file names it, else where it is now.</summary>
        private string Final(ExistingUnit unit) =>
            _rows.FirstOrDefault(r => r.Match?.Id == unit.Id && r.Resolved) is { } row ? row.FullPath : _paths[unit.Id];

        private bool ClaimedByCode(ExistingUnit unit) => _rows.Any(r => r.Code is not null && r.Match?.Id == unit.Id);

        private ((RowState? Row, ExistingUnit? Unit)? Found, bool Wait, string? Problem) FindByPath(RowState row, string text)
        {
            var resolved = _rows.FirstOrDefault(r => r != row && r.Resolved && r.FullPath == text);
            if (resolved is not null)
            {
                return ((resolved, null), false, null);
            }

            var last = text[(text.LastIndexOf(PathSeparator, StringComparison.Ordinal) + 1)..];
            if (_rows.Any(r => r != row && !r.Resolved && !r.Failed && r.Name == last))
            {
                return (null, true, null);
            }

            var unit = context.Units.FirstOrDefault(u => _paths[u.Id] == text);
            if (unit is null)
            {
                return (null, false, null);
            }

            var claimed = _rows.FirstOrDefault(r => r.Match?.Id == unit.Id);
            return claimed is null ? ((null, unit), false, null) : ((claimed, null), false, null);
        }

        private ((RowState? Row, ExistingUnit? Unit)? Found, bool Wait, string? Problem) FindByName(RowState row, string text)
        {
            var inFile = _rows.Where(r => r != row && r.Name == text).ToList();
            if (inFile.Count > 1)
            {
                return (null, false, $"文件中有多个名为“{text}”的党组织（第{string.Join("、", inFile.Select(r => r.Number))}行），请填写上级党组织的完整路径。");
            }

            if (inFile.Count == 1)
            {
                return ((inFile[0], null), false, null);
            }

            var stored = context.Units.Where(u => u.Name == text && !_rows.Any(r => r.Match?.Id == u.Id && r.Name != u.Name)).ToList();
            if (stored.Count > 1)
            {
                return (null, false, $"有多个名为“{text}”的党组织，请填写上级党组织的完整路径（如{_paths[stored[0].Id]}）。");
            }

            return stored.Count == 1 ? ((null, stored[0]), false, null) : (null, false, null);
        }

        private static List<int>? CycleThrough(RowState start, List<RowState> pending)
        {
            var chain = new List<RowState>();
            var current = start;
            while (current is not null && !chain.Contains(current))
            {
                chain.Add(current);
                var text = current.Row[UnitImportColumns.Parent];
                var name = text[(text.LastIndexOf(PathSeparator, StringComparison.Ordinal) + 1)..];
                current = pending.FirstOrDefault(r => r != current && r.Name == name);
            }

            return current is null ? null : chain[chain.IndexOf(current)..].Select(r => r.Number).Order().ToList();
        }

        /// <summary>Checks the tree as it will be: no two rows for one unit, no cycles, no duplicate siblings, active parents, depth.</summary>
        private void CheckFinalTree()
        {
            var claimed = new Dictionary<Guid, RowState>();
            foreach (var row in _rows.Where(r => r.Resolved && r.Match is not null))
            {
                if (claimed.TryGetValue(row.Match!.Id, out var first))
                {
                    row.Fail(UnitImportColumns.Name, $"与第{first.Number}行是同一个党组织（{_paths[row.Match.Id]}）。");
                    row.Match = null;
                    row.Failed = true;
                    continue;
                }

                claimed[row.Match.Id] = row;
            }

            // Final parent of every node: stored units by id, rows that create a unit by "row:N".
            string Key(RowState row) => row.Match is { } unit ? unit.Id.ToString() : "row:" + row.Number;
            var parentOf = new Dictionary<string, string?>();
            foreach (var unit in context.Units)
            {
                parentOf[unit.Id.ToString()] = unit.Id == context.ScopeRootId ? null : unit.ParentId?.ToString();
            }

            foreach (var row in _rows.Where(r => r.Resolved && !r.Failed))
            {
                parentOf[Key(row)] = row.ParentOutside ? null : row.ParentRowState is { } parent ? Key(parent) : row.ParentUnit!.Id.ToString();
            }

            foreach (var row in _rows.Where(r => r.Resolved && !r.Failed && r.Match is not null && !r.ParentOutside))
            {
                var seen = new HashSet<string>();
                var key = Key(row);
                var steps = 0;
                while (parentOf.GetValueOrDefault(key) is { } up && seen.Add(key))
                {
                    key = up;
                    steps++;
                }

                if (key == Key(row) && steps > 0)
                {
                    row.Fail(UnitImportColumns.Parent, "上级党组织是本党组织或其下级党组织，形成循环。");
                    row.Failed = true;
                }
            }

            foreach (var row in _rows.Where(r => r.Resolved && !r.Failed && !r.ParentOutside))
            {
                var depth = context.AncestorNames.Count;
                for (var key = Key(row); parentOf.GetValueOrDefault(key) is { } up && depth <= Organization.MaxDepth; key = up)
                {
                    depth++;
                }

                if (depth >= Organization.MaxDepth)
                {
                    row.Fail(UnitImportColumns.Parent, $"组织层级不能超过{Organization.MaxDepth}级。");
                    row.Failed = true;
                }

                if (row.ParentUnit is { IsActive: false } inactive && (row.Match is null || row.Match.ParentId != inactive.Id))
                {
                    row.Fail(UnitImportColumns.Parent, $"上级党组织“{inactive.Name}”已停用。");
                    row.Failed = true;
                }
            }

            var siblings = new Dictionary<(string?, string), string>();
            foreach (var unit in context.Units.Where(u => !claimed.ContainsKey(u.Id)))
            {
                siblings[(parentOf[unit.Id.ToString()], unit.Name)] = "已有党组织";
            }

            foreach (var row in _rows.Where(r => r.Resolved && !r.Failed))
            {
                var slot = (parentOf[Key(row)], row.Name);
                if (siblings.TryGetValue(slot, out var other))
                {
                    row.Fail(UnitImportColumns.Name, $"同一上级党组织下已有同名的党组织（{other}）。");
                    row.Failed = true;
                    continue;
                }

                siblings[slot] = $"第{row.Number}行";
            }
        }

        private void CheckAccounts()
        {
            var seen = new Dictionary<string, RowState>(StringComparer.OrdinalIgnoreCase);
            foreach (var row in _rows.Where(r => r.Account is not null))
            {
                if (seen.TryGetValue(row.Account!, out var first))
                {
                    row.Fail(UnitImportColumns.Account, $"登录账号“{row.Account}”与第{first.Number}行重复。");
                    continue;
                }

                seen[row.Account!] = row;
                if (context.Accounts.TryGetValue(row.Account!, out var unitId) && unitId != row.Match?.Id)
                {
                    row.Fail(UnitImportColumns.Account, $"登录账号“{row.Account}”已被其他单位的用户使用。");
                }
            }
        }

        /// <summary>Rows with a parent in the file come after that parent; otherwise the file's order.</summary>
        private List<RowState> ApplyOrder()
        {
            var ordered = new List<RowState>();
            var placed = new HashSet<RowState>();
            void Place(RowState row)
            {
                if (!placed.Add(row))
                {
                    return;
                }

                if (row.ParentRowState is { } parent)
                {
                    Place(parent);
                }
                else if (row.ParentUnit is { } unit && _rows.FirstOrDefault(r => r.Match?.Id == unit.Id && r != row) is { } unitRow)
                {
                    Place(unitRow);
                }

                ordered.Add(row);
            }

            foreach (var row in _rows)
            {
                Place(row);
            }

            return ordered;
        }

        private PlannedUnit Describe(RowState row)
        {
            if (row.Problems.Count == 0 && row.Match is { } root && root.Id == context.ScopeRootId && !context.MayRestructureRoot)
            {
                RefuseRootChanges(row, root);
            }

            var failed = row.Problems.Count > 0;
            var changes = new List<PlannedChange>();
            var action = UnitImportAction.Error;
            var account = UnitImportAccount.None;
            var secretaryChanged = false;
            if (!failed)
            {
                var stored = row.Match;
                if (row.Account is { } userName)
                {
                    account = context.Accounts.ContainsKey(userName) ? UnitImportAccount.Link : UnitImportAccount.Create;
                }

                if (stored is null)
                {
                    action = UnitImportAction.Create;
                    changes.Add(new(OrganizationChangeKind.Created, $"新建党组织（{row.Type.ChineseName()}，{row.Category.ChineseName()}）"));
                    if (row.Secretary is { } secretary)
                    {
                        changes.Add(new(OrganizationChangeKind.SecretaryChanged, $"登记书记{secretary.Name}"));
                        secretaryChanged = true;
                    }
                }
                else
                {
                    var moved = !row.ParentOutside && (row.ParentRowState is not null || row.ParentUnit!.Id != stored.ParentId);
                    if (moved)
                    {
                        changes.Add(new(OrganizationChangeKind.Moved, $"上级党组织由“{ParentName(stored)}”改为“{row.FullPath[..^(row.Name.Length + 1)]}”"));
                    }

                    if (row.Name != stored.Name)
                    {
                        changes.Add(new(OrganizationChangeKind.Renamed, $"名称由“{stored.Name}”改为“{row.Name}”"));
                    }

                    if (row.Type != stored.Type)
                    {
                        changes.Add(new(OrganizationChangeKind.Classified, $"组织类型由{stored.Type.ChineseName()}改为{row.Type.ChineseName()}"));
                    }

                    if (row.Category != stored.Category)
                    {
                        changes.Add(new(OrganizationChangeKind.Classified, $"所属领域由{stored.Category.ChineseName()}改为{row.Category.ChineseName()}"));
                    }

                    if (row.Code is not null && row.Code != stored.Code)
                    {
                        changes.Add(new(OrganizationChangeKind.CodeChanged, $"党组织代码由“{stored.Code ?? "无"}”改为“{row.Code}”"));
                    }

                    if (row.SortOrder is { } order && order != stored.SortOrder)
                    {
                        changes.Add(new(OrganizationChangeKind.SortOrderChanged, $"排序号由{stored.SortOrder}改为{order}"));
                    }

                    if (row.Secretary is { } secretary && SecretaryDiffers(stored.Secretary, secretary, row.Account) is { } sentence)
                    {
                        changes.Add(new(OrganizationChangeKind.SecretaryChanged, sentence));
                        secretaryChanged = true;
                    }

                    action = moved ? UnitImportAction.Move : changes.Count > 0 ? UnitImportAction.Update : UnitImportAction.Unchanged;
                }

                if (account == UnitImportAccount.Create)
                {
                    changes.Add(new(OrganizationChangeKind.AccountCreated, $"新建书记账号{row.Account}"));
                }
            }

            return new PlannedUnit
            {
                RowNumber = row.Number,
                Action = action,
                Name = row.Name,
                FullPath = row.FullPath.Length > 0 ? row.FullPath : row.Name,
                ExistingId = row.Match?.Id,
                ParentId = row.ParentUnit?.Id,
                ParentRow = row.ParentRowState?.Number,
                Code = row.Code,
                Type = row.Type,
                Category = row.Category,
                SortOrder = row.SortOrder ?? row.Match?.SortOrder ?? 0,
                Secretary = row.Secretary,
                SecretaryChanged = secretaryChanged,
                AccountUserName = row.Account,
                AccountAction = account,
                Changes = changes,
                Problems = row.Problems.OrderBy(p => UnitImportColumnsOrder(p.Column)).ToList(),
            };
        }

        /// <summary>The scope root's own fields belong to the level above (delegated administration): each change is an error.</summary>
        private static void RefuseRootChanges(RowState row, ExistingUnit root)
        {
            void Refuse(string column, string what) => row.Problems.Add(new UnitImportProblem(
                row.Number, column, $"“{root.Name}”是您管理范围内最上级的党组织，其{what}由上级组织部门维护，不能通过导入修改（书记信息可以修改）。"));

            if (row.Name != root.Name)
            {
                Refuse(UnitImportColumns.Name, "名称");
            }

            if (row.Type != root.Type)
            {
                Refuse(UnitImportColumns.Type, "组织类型");
            }

            if (row.Category != root.Category)
            {
                Refuse(UnitImportColumns.Category, "所属领域");
            }

            if (row.Code is not null && row.Code != root.Code)
            {
                Refuse(UnitImportColumns.Code, "党组织代码");
            }

            if (row.SortOrder is { } order && order != root.SortOrder)
            {
                Refuse(UnitImportColumns.SortOrder, "排序号");
            }
        }

        private string ParentName(ExistingUnit unit) =>
            unit.ParentId is { } id && _paths.TryGetValue(id, out var path) ? path : _outsidePath;

        private static int UnitImportColumnsOrder(string column) =>
            UnitImportColumns.All.ToList().IndexOf(column) is var index and >= 0 ? index : int.MaxValue;

        private static string? SecretaryDiffers(ExistingSecretary? stored, PlannedSecretary planned, string? account)
        {
            if (stored is null)
            {
                return $"登记书记{planned.Name}";
            }

            if (stored.Name != planned.Name)
            {
                return $"书记由{stored.Name}变更为{planned.Name}";
            }

            var sameAccount = account is null || string.Equals(account, stored.UserName, StringComparison.OrdinalIgnoreCase);
            return stored.Title == planned.Title && stored.Phone == planned.Phone && sameAccount
                ? null
                : $"书记{planned.Name}的职务、电话或账号已更新";
        }
    }
}
