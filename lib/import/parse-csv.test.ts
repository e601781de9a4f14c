import { describe, expect, it } from "vitest";
import { parseCsv } from "./parse-csv";

describe("parseCsv", () => {
  it("splits plain fields and records", () => {
    expect(parseCsv("a,b,c\n1,2,3\n")).toEqual({
      rows: [
        ["a", "b", "c"],
        ["1", "2", "3"],
      ],
    });
  });

  it("keeps commas, line breaks and doubled quotes inside quoted fields", () => {
    const text = 'name,address\n"O\'Brien, Pat","1 Oak St\r\nApt ""B"""\n';
    expect(parseCsv(text).rows).toEqual([
      ["name", "address"],
      ["O'Brien, Pat", '1 Oak St\r\nApt "B"'],
    ]);
  });

  it("accepts CRLF, LF and a lone CR as line ends", () => {
    expect(parseCsv("a,b\r\n1,2\r\n3,4\r5,6").rows).toEqual([
      ["a", "b"],
      ["1", "2"],
      ["3", "4"],
      ["5", "6"],
    ]);
  });

  it("drops a leading byte-order mark so the first header is not misnamed", () => {
    expect(parseCsv("\uFEFFchart_number,first_name\r\nA1,Zoë\r\n").rows).toEqual([
      ["chart_number", "first_name"],
      ["A1", "Zoë"],
    ]);
  });

  it("makes no empty record of a final line break, with or without one", () => {
    expect(parseCsv("a\n1\n").rows).toEqual([["a"], ["1"]]);
    expect(parseCsv("a\n1").rows).toEqual([["a"], ["1"]]);
    expect(parseCsv("").rows).toEqual([]);
  });

  it("keeps empty fields, including an empty quoted one on the last line", () => {
    expect(parseCsv('a,,c\n,""').rows).toEqual([
      ["a", "", "c"],
      ["", ""],
    ]);
    expect(parseCsv('""').rows).toEqual([[""]]);
  });

  it("keeps a blank line in the middle as a one-field record (the reader skips it)", () => {
    expect(parseCsv("a\n\nb\n").rows).toEqual([["a"], [""], ["b"]]);
  });

  it("keeps a stray quote inside an unquoted field as written", () => {
    expect(parseCsv("height\n5'10\"\n").rows).toEqual([["height"], ["5'10\""]]);
  });

  it("reports an unclosed quote and text after a closing quote, with the record number", () => {
    expect(parseCsv('a\n1\n"never closed\n').error).toEqual({ row: 3, message: "a quoted field is never closed" });
    expect(parseCsv('a\n"x"y\n').error).toMatchObject({
      row: 2,
      message: expect.stringContaining("text follows a closing quote"),
    });
  });

  it("counts a record kept for its stray quote when numbering a later error", () => {
    expect(parseCsv('a\n5\'10"\n"x"y\n').error).toMatchObject({
      row: 3,
      message: expect.stringContaining("closing quote"),
    });
    expect(parseCsv('a\n5\'10"\n"never closed').error).toEqual({ row: 3, message: "a quoted field is never closed" });
  });

  it("names the first problem when a record breaks a quote and then leaves one open", () => {
    expect(parseCsv('a\n"x"y,"never closed\n').error).toMatchObject({
      row: 2,
      message: expect.stringContaining("text follows a closing quote"),
    });
  });

  it("reads a quoted line break the same as the spreadsheet row it belongs to", () => {
    expect(parseCsv('a,b\n"1\r\n2",3\n4,5\n').rows).toEqual([
      ["a", "b"],
      ["1\r\n2", "3"],
      ["4", "5"],
    ]);
  });
});
