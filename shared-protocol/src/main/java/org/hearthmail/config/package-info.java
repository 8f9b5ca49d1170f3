/**
 * What both programs' configuration files share: typed reading of a TOML table whose errors name
 * the file and the dotted key, and value types (listen addresses, sizes, host names) with their
 * validation.
 */
package org.hearthmail.config;
