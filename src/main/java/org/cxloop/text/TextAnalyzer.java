package org.cxloop.text;

import java.io.IOException;
import java.io.Reader;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.charfilter.MappingCharFilter;
import org.apache.lucene.analysis.charfilter.NormalizeCharMap;
import org.apache.lucene.analysis.miscellaneous.KeywordRepeatFilter;
import org.apache.lucene.analysis.pl.PolishAnalyzer;
import org.apache.lucene.analysis.snowball.SnowballFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.stempel.StempelFilter;
import org.apache.lucene.analysis.stempel.StempelStemmer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.KeywordAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.tartarus.snowball.ext.EnglishStemmer;
import org.tartarus.snowball.ext.RussianStemmer;

/**
 * Turns normalised text into {@link Token}s with the per-language Lucene chain: character
 * mappings → StandardTokenizer → LowerCaseFilter → KeywordRepeatFilter → stemmer (Stempel for
 * Polish, Snowball for Russian and English).
 *
 * <p>There is deliberately no stop-word filter: the stock Lucene stop lists contain the negations
 * "nie", "не", "not". KeywordRepeatFilter emits every word twice, once protected from the stemmer,
 * so the model keeps the surface form (for negations and prefix terms) next to the stem.
 *
 * <p>Serialisable for Spark: Lucene analyzers are not, so they are transient and created lazily in
 * each JVM that uses the model. An Analyzer is thread-safe (it keeps one token stream per thread),
 * and the Stempel stemmer, which is not, is created per token stream.
 */
final class TextAnalyzer implements Serializable {

  private static final long serialVersionUID = 1L;

  /** Stempel returns fragments for short or unknown words ("nie" → "n", "miłe" → "mi"). */
  private static final int MIN_POLISH_STEM_LENGTH = 3;

  private static final String FIELD = "comment";
  private static final String CLAUSE_PUNCTUATION = ".,;:!?…()[]—–";

  private enum Lang { PL, RU, EN }

  private transient volatile Map<Lang, Analyzer> analyzers;

  /** The comment's words with surface, keys and clause starts. */
  List<Token> tokens(String language, String normalized) {
    List<Token> out = new ArrayList<>();
    Lang lang = lang(language);
    try (TokenStream ts = analyzer(lang).tokenStream(FIELD, normalized)) {
      CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
      KeywordAttribute keyword = ts.addAttribute(KeywordAttribute.class);
      OffsetAttribute offset = ts.addAttribute(OffsetAttribute.class);
      ts.reset();
      String surface = null;
      boolean clauseStart = false;
      int previousEnd = 0;
      while (ts.incrementToken()) {
        if (keyword.isKeyword()) {
          surface = term.toString();
          clauseStart = !out.isEmpty() && hasClausePunctuation(normalized, previousEnd, offset.startOffset());
          previousEnd = offset.endOffset();
        } else {
          out.add(new Token(surface, keys(lang, surface, term.toString()), clauseStart));
        }
      }
      ts.end();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot analyse a comment in memory", e);
    }
    return out;
  }

  /** One word analysed on its own (a configured term word, or the rest of a glued "nie…"). */
  Token word(String language, String word) {
    List<Token> tokens = tokens(language, word);
    return tokens.size() == 1 ? tokens.get(0) : null;
  }

  /**
   * Lookup keys of a word: the folded surface first, then the folded stem when it differs and is
   * usable. Variation selectors and skin-tone modifiers are dropped so "👍🏻" and "❤️" match "👍" and
   * "❤".
   */
  private static String[] keys(Lang lang, String surface, String stem) {
    String s = TextNormalizer.foldPolish(stripEmojiModifiers(surface));
    String t = TextNormalizer.foldPolish(stripEmojiModifiers(stem));
    boolean stemUsable = !t.equals(s) && !(lang == Lang.PL && t.length() < MIN_POLISH_STEM_LENGTH);
    return stemUsable ? new String[] {s, t} : new String[] {s};
  }

  private static String stripEmojiModifiers(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    s.codePoints()
        .filter(cp -> cp != 0xFE0F && !(cp >= 0x1F3FB && cp <= 0x1F3FF))
        .forEach(sb::appendCodePoint);
    return sb.toString();
  }

  private static boolean hasClausePunctuation(String text, int from, int to) {
    for (int i = Math.max(0, from); i < Math.min(to, text.length()); i++) {
      if (CLAUSE_PUNCTUATION.indexOf(text.charAt(i)) >= 0) {
        return true;
      }
    }
    return false;
  }

  private static Lang lang(String language) {
    switch (language) {
      case LanguageDetector.POLISH: return Lang.PL;
      case LanguageDetector.RUSSIAN: return Lang.RU;
      case LanguageDetector.ENGLISH: return Lang.EN;
      default: throw new IllegalArgumentException("Unsupported language: " + language);
    }
  }

  private Analyzer analyzer(Lang lang) {
    Map<Lang, Analyzer> a = analyzers;
    if (a == null) {
      synchronized (this) {
        a = analyzers;
        if (a == null) {
          a = new EnumMap<>(Lang.class);
          for (Lang l : Lang.values()) {
            a.put(l, build(l));
          }
          analyzers = a;
        }
      }
    }
    return a.get(lang);
  }

  private static Analyzer build(Lang lang) {
    NormalizeCharMap charMap = charMap(lang);
    return new Analyzer() {
      @Override
      protected Reader initReader(String fieldName, Reader reader) {
        return new MappingCharFilter(charMap, reader);
      }

      @Override
      protected TokenStreamComponents createComponents(String fieldName) {
        Tokenizer source = new StandardTokenizer();
        TokenStream stream = new KeywordRepeatFilter(new LowerCaseFilter(source));
        switch (lang) {
          case PL:
            stream = new StempelFilter(stream, new StempelStemmer(PolishAnalyzer.getDefaultTable()));
            break;
          case RU:
            stream = new SnowballFilter(stream, new RussianStemmer());
            break;
          default:
            stream = new SnowballFilter(stream, new EnglishStemmer());
        }
        return new TokenStreamComponents(source, stream);
      }
    };
  }

  /**
   * Text smileys become emoji tokens (the tokenizer drops punctuation), and in English "n't" is
   * split off its verb ("wasn't" → "was n't", "can't" → "ca n't") so that it is a negation word of
   * its own; the typographic apostrophe is mapped first.
   */
  private static NormalizeCharMap charMap(Lang lang) {
    NormalizeCharMap.Builder b = new NormalizeCharMap.Builder();
    b.add(":-)", " 🙂 ");
    b.add(":)", " 🙂 ");
    b.add(":-(", " 🙁 ");
    b.add(":(", " 🙁 ");
    if (lang == Lang.EN) {
      b.add("’", "'");
      b.add("n't", " n't");
      b.add("n’t", " n't");
    }
    return b.build();
  }
}
