/*
 * Copyright 2026 the original author or authors.
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *      https://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */
/**
 * Auto-configuration for the systemd integration and its {@code systemd.*} properties,
 * and the listeners that read those properties before the application context exists.
 * Among them, systemd credentials ({@code LoadCredential=},
 * {@code LoadCredentialEncrypted=}, {@code SetCredential=}, {@code ImportCredential=})
 * become Spring properties: each file in {@code $CREDENTIALS_DIRECTORY} is a property
 * named after the file.
 */
@NullMarked
package io.github.springsystemd.autoconfigure;

import org.jspecify.annotations.NullMarked;
