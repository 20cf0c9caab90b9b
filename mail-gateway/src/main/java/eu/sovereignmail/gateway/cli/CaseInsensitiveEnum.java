package eu.sovereignmail.gateway.cli;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads an enum option written the way people type it ({@code --format zip}, {@code ZIP}), whichever way the
 * {@code CommandLine} was built; one small subclass per enum, because picocli instantiates converters by class.
 */
abstract class CaseInsensitiveEnum<E extends Enum<E>> implements ITypeConverter<E> {
  private final Class<E> type;

  CaseInsensitiveEnum(Class<E> type) {
    this.type = type;
  }

  @Override
  public E convert(String value) {
    for (E constant : type.getEnumConstants()) {
      if (constant.name().equalsIgnoreCase(value.strip())) {
        return constant;
      }
    }
    throw new TypeConversionException("expected " + Arrays.stream(type.getEnumConstants())
        .map(c -> c.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(" or ")) + ", not '" + value + "'");
  }
}
