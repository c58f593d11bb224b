namespace ActorSupervisor.Hocon.Syntax;

/// <summary>
/// The comma rules shared by objects and arrays: items need a comma or a new line between them, one comma
/// may follow an item (also after a new line, or at the end), two commas in a row or a leading comma are errors.
/// </summary>
internal struct Separators()
{
    private bool _afterItem;
    private bool _separated = true;
    private bool _afterComma;

    public void NewLine() => _separated = true;

    public void Comma(Token at, string file, string item)
    {
        if (!_afterItem)
        {
            throw new HoconException(at.At(file), _afterComma ? "two commas in a row" : $"expected {item} before ','");
        }
        _afterItem = false;
        _afterComma = true;
        _separated = true;
    }

    public void Item(Token at, string file, string item)
    {
        if (!_separated)
        {
            throw new HoconException(at.At(file), $"expected ',' or a new line after {item}, found {at.Describe()}");
        }
        _afterItem = true;
        _afterComma = false;
        _separated = false;
    }
}
