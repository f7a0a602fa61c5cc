package document

import "testing"

func TestBuilderMaxBlocks(t *testing.T) {
	for _, n := range []int{MaxBlocks, MaxBlocks + 1} {
		b := NewBuilder("x", Text)
		for range n {
			b.Add(Block{Kind: Paragraph}, "a")
			b.Add(Block{Kind: Paragraph}, " ") // empty: dropped, not counted
		}
		if b.Full() != (n > MaxBlocks) {
			t.Errorf("%d blocks added: Full %v", n, b.Full())
		}
		d := b.Document()
		if d.TooManyBlocks() != (n > MaxBlocks) || len(d.Blocks) != MaxBlocks {
			t.Fatalf("%d blocks added: %d kept, too many %v", n, len(d.Blocks), d.TooManyBlocks())
		}
	}

	b := NewBuilder("x", PDF)
	for range MaxBlocks + 1 {
		b.AddFurniture("Page 1")
	}
	if d := b.Document(); !d.TooManyBlocks() || len(d.Furniture) != MaxBlocks {
		t.Fatalf("furniture past the limit: %d lines, too many %v", len(d.Furniture), d.TooManyBlocks())
	}
}
