namespace NewsPipeline.Core.Normalisation.Html;

/// <summary>Text and element counts of one element's kept subtree, gathered in a single pass over the page.</summary>
internal struct BlockStats
{
    public int Text;
    public int LinkText;
    public int Commas;
    public int Paragraphs;
    public int Images;
    public int ListItems;
    public int Inputs;
    public int Embeds;

    public readonly double LinkDensity => Text == 0 ? 0 : (double)LinkText / Text;

    public void Add(in BlockStats child)
    {
        Text += child.Text;
        LinkText += child.LinkText;
        Commas += child.Commas;
        Paragraphs += child.Paragraphs;
        Images += child.Images;
        ListItems += child.ListItems;
        Inputs += child.Inputs;
        Embeds += child.Embeds;
    }
}
