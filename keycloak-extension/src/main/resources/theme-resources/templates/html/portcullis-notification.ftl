<#import "template.ftl" as layout>
<@layout.emailLayout>
<p>${msg("portcullisMailWhat_" + kind, (method??)?then(msg("portcullisMailMethod_" + (method!"")), ""), remaining!"", until!"", expiresAt!"")}</p>
<p>${msg("portcullisMailWhen", when)}<#if where??><br>${msg("portcullisMailWhere", where)}</#if></p>
<p>${msg("portcullisMailNotYou")}</p>
<p>${msg("portcullisMailNoSecret")}</p>
</@layout.emailLayout>
