<#ftl output_format="plainText">
${msg("portcullisMailWhat_" + kind, (method??)?then(msg("portcullisMailMethod_" + (method!"")), ""), remaining!"", until!"", expiresAt!"")}

${msg("portcullisMailWhen", when)}
<#if where??>${msg("portcullisMailWhere", where)}
</#if>

${msg("portcullisMailNotYou")}

${msg("portcullisMailNoSecret")}
