package org.policyreach.pipelines.profiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.cjk.CJKWidthFilter;
import org.apache.lucene.analysis.ja.JapaneseAnalyzer;
import org.apache.lucene.analysis.ja.JapaneseBaseFormFilter;
import org.apache.lucene.analysis.ja.JapaneseKatakanaStemFilter;
import org.apache.lucene.analysis.ja.JapanesePartOfSpeechStopFilter;
import org.apache.lucene.analysis.ja.JapaneseTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * Finds needs in Japanese free text (application purposes) by matching base forms.
 *
 * <p>Text and keywords go through the same Kuromoji chain: NFKC, tokenization in normal mode, base
 * forms (更新したい → 更新 / する / たい), part-of-speech stop tags (particles, auxiliaries), width folding,
 * katakana stemming and lower case. A keyword matches where its token sequence occurs contiguously
 * in the text's token sequence; there is no substring matching, so 化学 never matches 化 and 販売 never
 * matches 販.
 *
 * <p>An instance holds one analyzer; create it once per partition (or per thread) and close it. It
 * is not meant to be serialized: ship the keyword map and build the matcher where it runs.
 */
public final class NeedTextMatcher implements AutoCloseable {

  /** One keyword occurrence: which need, which keyword (as written in the catalog). */
  public record Match(String needId, String keyword) {}

  private record Keyword(String needId, String keyword, String[] tokens) {}

  private final Analyzer analyzer = new BaseFormAnalyzer();
  private final Map<String, List<Keyword>> byFirstToken = new HashMap<>();

  /**
   * @param keywordsByNeed need id → keywords (in catalog order); keywords may be multi-token
   */
  public NeedTextMatcher(Map<String, List<String>> keywordsByNeed) {
    Objects.requireNonNull(keywordsByNeed, "keywordsByNeed is null");
    for (Map.Entry<String, List<String>> need : keywordsByNeed.entrySet()) {
      for (String keyword : need.getValue()) {
        List<String> tokens = tokens(keyword);
        if (tokens.isEmpty()) {
          continue; // a keyword made only of particles can never be evidence
        }
        byFirstToken
            .computeIfAbsent(tokens.get(0), t -> new ArrayList<>())
            .add(new Keyword(need.getKey(), keyword, tokens.toArray(String[]::new)));
      }
    }
  }

  /** The analyzed tokens (base forms) of a text, in order. */
  public List<String> tokens(String text) {
    List<String> out = new ArrayList<>();
    if (text == null || text.isBlank()) {
      return out;
    }
    String normalized = Normalizer.normalize(text, Normalizer.Form.NFKC);
    try (TokenStream stream = analyzer.tokenStream("purpose", normalized)) {
      CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
      stream.reset();
      while (stream.incrementToken()) {
        out.add(term.toString());
      }
      stream.end();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot tokenize purpose text: " + e.getMessage(), e);
    }
    return out;
  }

  /** Every keyword occurrence in the text, in text order (a keyword may occur more than once). */
  public List<Match> matches(String text) {
    List<String> tokens = tokens(text);
    List<Match> out = new ArrayList<>();
    for (int i = 0; i < tokens.size(); i++) {
      List<Keyword> candidates = byFirstToken.get(tokens.get(i));
      if (candidates == null) {
        continue;
      }
      for (Keyword k : candidates) {
        if (occursAt(tokens, i, k.tokens())) {
          out.add(new Match(k.needId(), k.keyword()));
        }
      }
    }
    return out;
  }

  /** Need id → distinct matched keywords, needs in order of first occurrence. */
  public Map<String, List<String>> matchesByNeed(String text) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (Match m : matches(text)) {
      List<String> keywords = out.computeIfAbsent(m.needId(), id -> new ArrayList<>());
      if (!keywords.contains(m.keyword())) {
        keywords.add(m.keyword());
      }
    }
    return out;
  }

  private static boolean occursAt(List<String> tokens, int start, String[] sequence) {
    if (start + sequence.length > tokens.size()) {
      return false;
    }
    for (int j = 0; j < sequence.length; j++) {
      if (!tokens.get(start + j).equals(sequence[j])) {
        return false;
      }
    }
    return true;
  }

  @Override
  public void close() {
    analyzer.close();
  }

  /** Kuromoji in normal mode with base forms; the same chain for text and keywords. */
  private static final class BaseFormAnalyzer extends Analyzer {
    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
      Tokenizer tokenizer = new JapaneseTokenizer(null, true, JapaneseTokenizer.Mode.NORMAL);
      TokenStream stream = new JapaneseBaseFormFilter(tokenizer);
      stream = new JapanesePartOfSpeechStopFilter(stream, JapaneseAnalyzer.getDefaultStopTags());
      stream = new CJKWidthFilter(stream);
      stream = new JapaneseKatakanaStemFilter(stream);
      stream = new LowerCaseFilter(stream);
      return new TokenStreamComponents(tokenizer, stream);
    }
  }
}
