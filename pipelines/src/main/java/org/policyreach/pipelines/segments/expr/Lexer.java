package org.policyreach.pipelines.segments.expr;

import java.util.ArrayList;
import java.util.List;

/** Splits an expression into tokens; the last token is always {@link TokenKind#EOF}. */
final class Lexer {
  private final ExpressionSource source;
  private final String text;
  private int pos;

  Lexer(ExpressionSource source) {
    this.source = source;
    this.text = source.text();
  }

  List<Token> tokens() {
    List<Token> out = new ArrayList<>();
    while (true) {
      skipWhitespace();
      if (pos >= text.length()) {
        out.add(new Token(TokenKind.EOF, "", text.length()));
        return out;
      }
      out.add(next());
    }
  }

  private Token next() {
    int start = pos;
    char c = text.charAt(pos);
    if (isIdentifierStart(c)) {
      return word(start);
    }
    if (isDigit(c) || (c == '-' && pos + 1 < text.length() && isDigit(text.charAt(pos + 1)))) {
      return number(start);
    }
    if (c == '"' || c == '\'') {
      return string(start, c);
    }
    pos++;
    switch (c) {
      case '(':
        return new Token(TokenKind.LPAREN, "(", start);
      case ')':
        return new Token(TokenKind.RPAREN, ")", start);
      case '[':
        return new Token(TokenKind.LBRACKET, "[", start);
      case ']':
        return new Token(TokenKind.RBRACKET, "]", start);
      case ',':
        return new Token(TokenKind.COMMA, ",", start);
      case '<':
        return orEquals(start, TokenKind.LT, TokenKind.LE);
      case '>':
        return orEquals(start, TokenKind.GT, TokenKind.GE);
      case '=':
        if (peek('=')) {
          pos++;
          return new Token(TokenKind.EQ, "==", start);
        }
        throw ExpressionErrors.at(
            source,
            start,
            "'=' は使えません",
            "'=' is not an operator",
            "等しいかどうかは '==' と書きます",
            "write '==' to compare");
      case '!':
        if (peek('=')) {
          pos++;
          return new Token(TokenKind.NE, "!=", start);
        }
        throw ExpressionErrors.at(
            source,
            start,
            "'!' は使えません",
            "'!' is not an operator",
            "否定は 'not'、不等は '!=' と書きます",
            "write 'not' to negate or '!=' to compare");
      default:
        String shown =
            ExpressionErrors.shown(new String(Character.toChars(text.codePointAt(start))));
        throw ExpressionErrors.at(
            source,
            start,
            "使えない文字 '" + shown + "'",
            "unexpected character '" + shown + "'",
            "フィールド名、値、演算子 (== != < <= > >= in and or not) を書いてください",
            "expected a field, a value or an operator (== != < <= > >= in and or not)");
    }
  }

  private Token word(int start) {
    while (pos < text.length()
        && (isIdentifierPart(text.charAt(pos))
            || (text.charAt(pos) == '.'
                && pos + 1 < text.length()
                && isIdentifierStart(text.charAt(pos + 1))))) {
      pos++;
    }
    String w = text.substring(start, pos);
    TokenKind kind =
        switch (w) {
          case "and" -> TokenKind.AND;
          case "or" -> TokenKind.OR;
          case "not" -> TokenKind.NOT;
          case "in" -> TokenKind.IN;
          case "true" -> TokenKind.TRUE;
          case "false" -> TokenKind.FALSE;
          default -> TokenKind.FIELD;
        };
    return new Token(kind, w, start);
  }

  private Token number(int start) {
    if (text.charAt(pos) == '-') {
      pos++;
    }
    boolean dot = false;
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (isDigit(c) || c == '_') {
        pos++;
      } else if (c == '.' && !dot && pos + 1 < text.length() && isDigit(text.charAt(pos + 1))) {
        dot = true;
        pos++;
      } else {
        break;
      }
    }
    if (pos < text.length() && isIdentifierStart(text.charAt(pos))) {
      while (pos < text.length() && isIdentifierPart(text.charAt(pos))) {
        pos++;
      }
      String bad = ExpressionErrors.shown(text.substring(start, pos));
      throw ExpressionErrors.at(
          source,
          start,
          "数値として読めない '" + bad + "'",
          "malformed number '" + bad + "'",
          "数値は 20、0.5、300_000_000 のように書きます",
          "expected a number such as 20, 0.5 or 300_000_000");
    }
    return new Token(TokenKind.NUMBER, text.substring(start, pos), start);
  }

  private Token string(int start, char quote) {
    pos++;
    StringBuilder value = new StringBuilder();
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c == quote) {
        pos++;
        return new Token(TokenKind.STRING, value.toString(), start);
      }
      if (c == '\\' && pos + 1 < text.length()) {
        value.append(text.charAt(pos + 1));
        pos += 2;
        continue;
      }
      if (c == '\n') {
        break;
      }
      value.append(c);
      pos++;
    }
    throw ExpressionErrors.at(
        source,
        start,
        "文字列が閉じていません",
        "unterminated string",
        "文字列は同じ引用符 " + quote + " で閉じてください",
        "close the string with " + quote);
  }

  private Token orEquals(int start, TokenKind plain, TokenKind withEquals) {
    if (peek('=')) {
      pos++;
      return new Token(withEquals, text.substring(start, pos), start);
    }
    return new Token(plain, text.substring(start, pos), start);
  }

  private boolean peek(char c) {
    return pos < text.length() && text.charAt(pos) == c;
  }

  /**
   * Skips spaces, tabs, line breaks and the full-width space; other control, separator and
   * invisible characters are errors, so nothing unseen can split or join tokens.
   */
  private void skipWhitespace() {
    while (pos < text.length() && isWhitespace(text.charAt(pos))) {
      pos++;
    }
  }

  private static boolean isWhitespace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\u3000';
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isIdentifierStart(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
  }

  private static boolean isIdentifierPart(char c) {
    return isIdentifierStart(c) || isDigit(c);
  }
}
