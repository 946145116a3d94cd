package io.tributary.configuration;

import java.util.Arrays;
import java.util.List;

/**
 * Implemented by a stage's enum of settings: each constant carries its {@link SettingDefinition}, and the enum gets
 * the definition's names, default and description without plumbing of its own.
 */
public interface DefinedSetting {

    SettingDefinition<?> definition();

    default String key() {
        return definition().key();
    }

    default String envName() {
        return definition().envName();
    }

    /** Default as text, {@code null} when the setting is required, empty when it is optional. */
    default String defaultValue() {
        return definition().defaultText();
    }

    default String description() {
        return definition().description();
    }

    default boolean secret() {
        return definition().secret();
    }

    /** The definitions of {@code settings} (an enum's {@code values()}), in order. */
    static List<SettingDefinition<?>> definitions(DefinedSetting... settings) {
        return Arrays.stream(settings).<SettingDefinition<?>>map(DefinedSetting::definition).toList();
    }
}
